import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

export interface HeaderGuess {
  delimiter: string;
  /** The header's fields, as our own reading of the first line gives them. */
  fields: string[];
}

const CANDIDATES = [',', ';', '\t', '|'];

/**
 * Our own reading of a delimited file's first line: the delimiter that splits it most, and the
 * fields it gives. DuckDB's sniffer is fast but can misread a small file with a ragged row as
 * one single column; comparing its answer with this one catches that.
 */
export async function guessHeader(file: string, preferTab: boolean, latin1 = false): Promise<HeaderGuess> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString(latin1 ? 'latin1' : 'utf8')
      .replace(/^\uFEFF/, '');
    const firstLine = text.split(/\r?\n/)[0] ?? '';
    const counts = CANDIDATES.map((candidate) => firstLine.split(candidate).length - 1);
    let best = preferTab && (counts[2] ?? 0) > 0 ? 2 : counts.indexOf(Math.max(...counts));
    if ((counts[best] ?? 0) === 0) best = preferTab ? 2 : 0;
    const delimiter = CANDIDATES[best] as string;
    let fields: string[];
    try {
      fields = (parse(firstLine, { delimiter, relax_quotes: true }) as string[][])[0] ?? [];
    } catch {
      fields = firstLine.split(delimiter);
    }
    return { delimiter, fields };
  } finally {
    await handle.close();
  }
}
