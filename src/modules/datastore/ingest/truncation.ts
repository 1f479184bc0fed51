import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { failure } from './load-errors.js';

const QUOTE = 0x22;

/**
 * A delimited file cut short inside a quoted field: DuckDB reads the end of the file as the
 * field's end, and the cut would pass unseen. In a well-formed file quotes come in pairs
 * (opening, closing, doubled inside), so a file that does not end with a line break and holds an
 * odd number of quotes was cut. Files that end with a line break are not read twice.
 */
export async function checkNotCutInQuotes(file: string): Promise<void> {
  const handle = await open(file, 'r');
  let last: number;
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, size - 1);
    last = byte[0] ?? 0;
  } finally {
    await handle.close();
  }
  if (last === 0x0a || last === 0x0d) return;
  let quotes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(QUOTE); at !== -1; at = chunk.indexOf(QUOTE, at + 1)) quotes++;
  }
  if (quotes % 2 === 1) {
    throw failure(
      'Le fichier se termine au milieu d’un champ entre guillemets : il est tronqué (téléversement interrompu ?).',
      'The file ends inside a quoted field: it is truncated (an interrupted upload?).',
    );
  }
}
