import { open } from 'node:fs/promises';
import { failure } from './load-errors.js';

/** The longest line a delimited file may have (DuckDB's own limit, `max_line_size`). */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;
const BLOCK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * Reads a delimited text file once, before DuckDB does, for two faults that DuckDB handles badly:
 *
 * - a line longer than 2 MB (an outsized field, a binary file): DuckDB's sniffer spends a minute
 *   retrying dialects over it before it gives up, holding the load queue. Found here at the speed
 *   of reading the file: the scan jumps from one line break to the last one within 2 MB, so it
 *   looks at a few bytes per 2 MB of ordinary lines.
 * - a file cut short inside a quoted field: DuckDB reads the end of the file as the field's end,
 *   and the cut would pass unseen. Quotes come in pairs in a well-formed file (opening, closing,
 *   doubled inside), so a file that does not end with a line break and holds an odd number of
 *   quotes was cut. Only such files have their quotes counted.
 */
export async function checkDelimitedText(file: string, signal?: AbortSignal): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const block = Buffer.alloc(Math.min(BLOCK_BYTES, size));
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    const countQuotes = last[0] !== NEWLINE && last[0] !== 0x0d;
    let quotes = 0;
    // Where the current line starts (just after the last line break seen).
    let lineStart = 0;
    for (let start = 0; start < size; start += block.length) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(block, 0, block.length, start);
      const bytes = block.subarray(0, bytesRead);
      while (lineStart + MAX_LINE_BYTES <= start + bytesRead) {
        const from = lineStart + MAX_LINE_BYTES - 1 - start;
        const at = bytes.lastIndexOf(NEWLINE, from);
        if (at === -1 || start + at < lineStart) throw await lineTooLong(handle, lineStart);
        lineStart = start + at + 1;
      }
      const lastBreak = bytes.lastIndexOf(NEWLINE);
      if (lastBreak !== -1) lineStart = Math.max(lineStart, start + lastBreak + 1);
      if (countQuotes)
        for (let at = bytes.indexOf(QUOTE); at !== -1; at = bytes.indexOf(QUOTE, at + 1)) quotes++;
    }
    if (size - lineStart > MAX_LINE_BYTES) throw await lineTooLong(handle, lineStart);
    if (quotes % 2 === 1) {
      throw failure(
        'Le fichier se termine au milieu d’un champ entre guillemets : il est tronqué (téléversement interrompu ?).',
        'The file ends inside a quoted field: it is truncated (an interrupted upload?).',
      );
    }
  } finally {
    await handle.close();
  }
}

/** The failure for a line over the limit that starts at byte `lineStart`, with its line number. */
async function lineTooLong(handle: Awaited<ReturnType<typeof open>>, lineStart: number) {
  let line = 1;
  const block = Buffer.alloc(Math.min(BLOCK_BYTES, Math.max(lineStart, 1)));
  for (let start = 0; start < lineStart; start += block.length) {
    const { bytesRead } = await handle.read(block, 0, Math.min(block.length, lineStart - start), start);
    const bytes = block.subarray(0, bytesRead);
    for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) line++;
  }
  return failure(
    `La ligne ${line} dépasse 2 Mo, la taille permise pour une ligne (un champ démesuré, un fichier binaire ou un guillemet non fermé ?).`,
    `Line ${line} is longer than 2 MB, the size a line may have (an outsized field, a binary file, or an unclosed quote?).`,
    { row: line },
  );
}
