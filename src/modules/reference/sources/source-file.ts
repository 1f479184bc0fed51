import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { SourceFile } from '../reference.types.js';

/** A CSV source read whole (reference files are small), with what a version records of it. */
export async function readCsvSource(
  file: URL | string,
  meta: { name: string; url: string; licence: string },
): Promise<{ rows: Record<string, string>[]; source: SourceFile }> {
  const bytes = await readFile(file);
  const rows = parse(bytes, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return {
    rows,
    source: {
      ...meta,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      rows: rows.length,
    },
  };
}
