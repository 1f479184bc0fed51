import type { DuckDBConnection } from '@duckdb/node-api';
import { type Duck, quoteLiteral } from '../../../platform/duckdb/index.js';
import { guessHeader } from './dialect.js';
import { explainDuckError, failure } from './load-errors.js';
import type { TabularFormat } from './source-format.js';

export interface ConvertResult {
  rows: number;
  columns: { id: string; sourceType: string }[];
}

export interface Progress {
  rows: number;
  percent: number;
}

const MAX_TYPE_RETRIES = 20;

/**
 * One DuckDB pass from a UTF-8 text file to Parquet (Snappy: quicker to read back than zstd). Column types are DuckDB's guess; a
 * column whose later values contradict the guess is read as text instead, and the pass is run
 * again. Ragged rows, unclosed quotes and malformed JSON stop the load with their line.
 */
export async function convertToParquet(
  duck: Duck,
  input: { file: string; format: TabularFormat; types?: Record<string, string> },
  output: string,
  onProgress: (progress: Progress) => void,
): Promise<ConvertResult> {
  const connection = await duck.connect();
  try {
    const types: Record<string, string> = { ...input.types };
    const source =
      input.format === 'json' || input.format === 'jsonl'
        ? jsonSource(input.file, input.format)
        : await csvSource(connection, input.file, input.format);
    for (let attempt = 0; ; attempt++) {
      try {
        await withProgress(connection, onProgress, () =>
          connection.run(
            `COPY (SELECT * FROM ${source(types)}) TO ${quoteLiteral(output)} (FORMAT parquet, COMPRESSION snappy)`,
          ),
        );
        break;
      } catch (error) {
        const column = /Error when converting column "((?:[^"]|"")*)"/.exec(
          error instanceof Error ? error.message : '',
        )?.[1];
        if (!column || attempt >= MAX_TYPE_RETRIES || types[column] === 'VARCHAR')
          throw explainDuckError(error);
        types[column.replace(/""/g, '"')] = 'VARCHAR';
      }
    }
    const parquet = `read_parquet(${quoteLiteral(output)})`;
    const count = await connection.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${parquet}`);
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${parquet}`);
    return {
      rows: Number(count.getRowObjectsJS()[0]?.n ?? 0),
      columns: described
        .getRowObjectsJS()
        .map((row) => ({ id: String(row.column_name), sourceType: String(row.column_type) })),
    };
  } finally {
    connection.closeSync();
  }
}

type Source = (types: Record<string, string>) => string;

async function csvSource(connection: DuckDBConnection, file: string, format: TabularFormat): Promise<Source> {
  const guess = await guessHeader(file, format === 'tsv');
  const path = quoteLiteral(file);
  let sniffed: { delimiter: string; columns: number } | null = null;
  try {
    const reader = await connection.runAndReadAll(
      `SELECT Delimiter AS d, len(Columns)::INTEGER AS n FROM sniff_csv(${path}, header = true)`,
    );
    const row = reader.getRowObjectsJS()[0];
    if (row) sniffed = { delimiter: String(row.d), columns: Number(row.n) };
  } catch {
    sniffed = null;
  }
  const agrees =
    sniffed &&
    sniffed.columns === guess.fields.length &&
    (guess.fields.length === 1 || sniffed.delimiter === guess.delimiter);
  if (agrees) {
    return (types) => `read_csv(${path}, header = true, strict_mode = true${typesOption(types)})`;
  }
  // DuckDB's sniffer and the header disagree (a ragged row early in a small file, usually):
  // read every column as text with the header's dialect; a ragged row then fails with its line.
  if (guess.fields.length === 0)
    throw failure('Le fichier ne contient aucune ligne d’en-tête.', 'The file has no header line.');
  const columns = guess.fields
    .map((field, index) => `${quoteLiteral(field.trim() || `column${index}`)}: 'VARCHAR'`)
    .join(', ');
  return () =>
    `read_csv(${path}, delim = ${quoteLiteral(guess.delimiter)}, quote = '"', escape = '"', header = true, strict_mode = true, auto_detect = false, columns = {${columns}})`;
}

function jsonSource(file: string, format: TabularFormat): Source {
  const layout = format === 'jsonl' ? 'newline_delimited' : 'auto';
  return () =>
    `read_json(${quoteLiteral(file)}, format = ${quoteLiteral(layout)}, maximum_object_size = 134217728)`;
}

function typesOption(types: Record<string, string>): string {
  const entries = Object.entries(types);
  if (entries.length === 0) return '';
  return `, types = {${entries.map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(type)}`).join(', ')}}`;
}

/** Runs a statement while reporting DuckDB's progress every half second. */
async function withProgress(
  connection: DuckDBConnection,
  onProgress: (progress: Progress) => void,
  work: () => Promise<unknown>,
): Promise<void> {
  const timer = setInterval(() => {
    const progress = connection.progress;
    if (progress.percentage >= 0)
      onProgress({ rows: Number(progress.rows_processed), percent: progress.percentage });
  }, 500);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
}
