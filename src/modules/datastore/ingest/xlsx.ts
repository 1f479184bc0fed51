import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { failure } from './load-errors.js';
import { checkInflation, declaredInflatedSize } from './zip-directory.js';

/** Excel's cells hold 32,767 characters; a text far longer is no spreadsheet's (up to 4 bytes each, and some slack). */
const MAX_TEXT_RUN = 1024 * 1024;

/**
 * The first sheet of an XLSX workbook as a UTF-8 CSV, read as a stream (rows are never all in
 * memory). A workbook whose directory declares more than `maxBytes` inflated is refused before
 * anything is inflated; one that writes past `maxBytes` of CSV anyway (a lying directory) is
 * stopped there: a zip bomb named .xlsx must not fill the disk.
 */
export async function xlsxToCsv(
  source: string,
  target: string,
  maxBytes: number,
  onRows: (rows: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  await checkZip(source);
  const declared = await declaredInflatedSize(source);
  if (declared !== null && declared > maxBytes) throw inflatesTooMuch();
  // The directory may lie: the entries are inflated once, counted, before any XML is parsed.
  const inflation = await checkInflation(source, { maxBytes, maxRun: MAX_TEXT_RUN }, signal);
  if (inflation === 'too-large') throw inflatesTooMuch();
  if (inflation === 'unreadable') {
    throw failure(
      'Le classeur XLSX n’a pas pu être lu : son archive ZIP est abîmée.',
      'The XLSX workbook could not be read: its ZIP archive is damaged.',
    );
  }
  const out = createWriteStream(target);
  let written = 0;
  let rows = 0;
  let width = 0;
  const write = (cells: unknown[][]) =>
    new Promise<void>((resolve, reject) => {
      const text = stringify(cells);
      written += Buffer.byteLength(text);
      if (written > maxBytes) {
        reject(inflatesTooMuch());
        return;
      }
      if (out.write(text)) resolve();
      else out.once('drain', resolve);
    });
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      let batch: unknown[][] = [];
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (rows === 0) width = values.length;
        batch.push(Array.from({ length: Math.max(width, values.length) }, (_, index) => values[index] ?? ''));
        rows++;
        if (batch.length === 1000) {
          signal?.throwIfAborted();
          await write(batch);
          batch = [];
          onRows(rows);
        }
      }
      if (batch.length > 0) await write(batch);
      break;
    }
  } catch (error) {
    out.destroy();
    signal?.throwIfAborted();
    if (error instanceof Error && error.name === 'LoadFailure') throw error;
    if ((error as { detail?: unknown }).detail) throw error;
    throw failure(
      `Le classeur XLSX n’a pas pu être lu : ${(error as Error).message.split('\n')[0]}`,
      `The XLSX workbook could not be read: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (rows === 0)
    throw failure('La première feuille du classeur est vide.', 'The workbook’s first sheet is empty.');
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** A workbook that inflates far beyond its size: a zip bomb must not fill the disk or the memory. */
function inflatesTooMuch() {
  return failure(
    'Ce classeur se décompresse en un volume démesuré (archive piégée ?) : le chargement est arrêté.',
    'This workbook inflates to an outsized volume (a zip bomb?): the load is stopped.',
  );
}

async function checkZip(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    if (magic[0] !== 0x50 || magic[1] !== 0x4b) {
      throw failure(
        'Ce fichier n’est pas un classeur XLSX (ce n’est pas une archive ZIP).',
        'This is not an XLSX workbook (it is not a ZIP archive).',
      );
    }
  } finally {
    await handle.close();
  }
}

/** A cell as text: numbers as written, dates as ISO, rich text and formulas by their text or result. */
function cellText(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: unknown;
    };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text;
    if (cell.error) return '';
    return JSON.stringify(value);
  }
  return value as string | number | boolean;
}
