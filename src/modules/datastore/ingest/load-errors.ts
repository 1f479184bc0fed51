import { localized } from '../../../platform/i18n/index.js';
import type { LoadError } from '../datastore.types.js';

/** A load failure the publisher can act on: what broke, in plain words, and where. */
export class LoadFailure extends Error {
  constructor(readonly detail: LoadError) {
    super(detail.message.en);
  }
}

/** A failure in both languages; any server path in it is left out (the message is public). */
export function failure(fr: string, en: string, where: { row?: number; column?: string } = {}): LoadFailure {
  return new LoadFailure({ message: localized(withoutServerPaths(fr), withoutServerPaths(en)), ...where });
}

/**
 * A file path of this server in a message (DuckDB names the file it reads: where uploads and
 * work files live is nobody's business): "/…/blobs/sha256/ab/cd/…" becomes "…". Web addresses
 * ("https://host/path") are left as they are.
 */
const SERVER_PATH = /(?<![\w:/.%-])\/(?:[^\s"'`/]+\/)+[^\s"'`,;)]*/g;

export function withoutServerPaths(text: string): string {
  return text.replace(SERVER_PATH, '…');
}

/** DuckDB's CSV and JSON errors, turned into sentences with the line and the column. */
export function explainDuckError(error: unknown): LoadFailure {
  if (error instanceof LoadFailure) return error;
  const text = error instanceof Error ? error.message : String(error);
  const line = Number(/CSV Error on Line: (\d+)/.exec(text)?.[1] ?? Number.NaN);
  const row = Number.isFinite(line) ? line : undefined;
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
  if (columns) {
    return failure(
      `La ligne ${row} a ${columns[2]} colonnes au lieu de ${columns[1]} (une virgule ou un guillemet de trop ou en moins ?).`,
      `Line ${row} has ${columns[2]} columns instead of ${columns[1]} (a comma or a quote too many or missing?).`,
      { row },
    );
  }
  if (/Maximum line size of \d+ bytes exceeded/i.test(text)) {
    return failure(
      `Une ligne${row ? ` (la ${row}e)` : ''} dépasse 2 Mo, la taille permise pour une ligne (un champ démesuré, un fichier binaire ou un guillemet non fermé ?).`,
      `A line${row ? ` (line ${row})` : ''} is longer than 2 MB, the size a line may have (an outsized field, a binary file, or an unclosed quote?).`,
      { row },
    );
  }
  if (/unterminated quote|Value with unterminated quote/i.test(text)) {
    return failure(
      `Un guillemet ouvert n’est jamais fermé${row ? ` (ligne ${row})` : ''} : le fichier est peut-être tronqué.`,
      `A quote is opened and never closed${row ? ` (line ${row})` : ''}: the file may be truncated.`,
      { row },
    );
  }
  if (/Invalid unicode|invalid UTF-8/i.test(text)) {
    return failure(
      `Le fichier contient des caractères illisibles${row ? ` (ligne ${row})` : ''} : il n’est ni en UTF-8 ni en Windows-1252.`,
      `The file holds unreadable characters${row ? ` (line ${row})` : ''}: it is neither UTF-8 nor Windows-1252.`,
      { row },
    );
  }
  if (/Malformed JSON|JSON|json/.test(text) && !/CSV/.test(text)) {
    return failure(`Le JSON est mal formé : ${firstLine(text)}`, `The JSON is malformed: ${firstLine(text)}`);
  }
  return failure(
    `Le fichier n’a pas pu être lu : ${firstLine(text)}`,
    `The file could not be read: ${firstLine(text)}`,
    { row },
  );
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 300);
}
