import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Duck, quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import { guessHeader } from './dialect.js';
import { readFrenchNumbers } from './french-numbers.duckdb.js';
import { geometryProblem } from './geometry.js';
import { explainDuckError, failure, LoadFailure } from './load-errors.js';
import type { TabularFormat } from './source-format.js';
import { checkDelimitedText } from './text-checks.js';

export interface ConvertResult {
  rows: number;
  columns: { id: string; sourceType: string }[];
  /** GeoJSON: the extent of every geometry, [west, south, east, north]. */
  bbox: [number, number, number, number] | null;
}

const MAX_GEOJSON_BYTES = 512 * 1024 * 1024;
/** A coordinate pair in GeoJSON text: "[x, y" (the innermost arrays, whatever the geometry). */
const PAIR = String.raw`\[\s*(-?[0-9.eE+-]+)\s*,\s*(-?[0-9.eE+-]+)`;

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
  input: {
    file: string;
    format: TabularFormat;
    /** Column → DuckDB type the publisher chose (data dictionary): a value that does not fit stops the load. */
    casts?: Record<string, string>;
    /**
     * A Windows-1252 CSV without any of the bytes 0x80–0x9F (where it differs from Latin-1):
     * DuckDB reads it as Latin-1, which it then is, byte for byte (no UTF-8 copy).
     */
    latin1?: boolean;
  },
  output: string,
  onProgress: (progress: Progress) => void,
  /** Aborting interrupts DuckDB at once (the load's time budget, or the process stopping). */
  signal?: AbortSignal,
): Promise<ConvertResult> {
  signal?.throwIfAborted();
  const connection = await duck.connect();
  const interrupt = () => connection.interrupt();
  signal?.addEventListener('abort', interrupt);
  try {
    const types: Record<string, string> = {};
    const read =
      input.format === 'geojson'
        ? await geojsonSource(connection, input.file)
        : input.format === 'json' || input.format === 'jsonl'
          ? jsonSource(input.file, input.format)
          : await csvSource(connection, input.file, input.format, signal, input.latin1 === true);
    const source = await withCasts(connection, read, input.casts ?? {});
    for (let attempt = 0; ; attempt++) {
      try {
        await withProgress(connection, onProgress, () =>
          connection.run(
            `COPY (SELECT * FROM ${source(types)}) TO ${quoteLiteral(output)} (FORMAT parquet, COMPRESSION snappy)`,
          ),
        );
        break;
      } catch (error) {
        signal?.throwIfAborted();
        const column = /Error when converting column "((?:[^"]|"")*)"/.exec(
          error instanceof Error ? error.message : '',
        )?.[1];
        if (!column || attempt >= MAX_TYPE_RETRIES || types[column] === 'VARCHAR')
          throw explainDuckError(error);
        types[column.replace(/""/g, '"')] = 'VARCHAR';
      }
    }
    if (input.format === 'csv' || input.format === 'tsv')
      await readFrenchNumbers(connection, output, Object.keys(input.casts ?? {}));
    const parquet = `read_parquet(${quoteLiteral(output)})`;
    const count = await connection.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${parquet}`);
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${parquet}`);
    const columns = described
      .getRowObjectsJS()
      .map((row) => ({ id: String(row.column_name), sourceType: String(row.column_type) }));
    let bbox: ConvertResult['bbox'] = null;
    if (input.format === 'geojson') {
      const extent = await connection.runAndReadAll(
        `WITH p AS (SELECT unnest(regexp_extract_all(geometry, '${PAIR}', 1))::DOUBLE AS x, unnest(regexp_extract_all(geometry, '${PAIR}', 2))::DOUBLE AS y FROM ${parquet})
         SELECT min(x), min(y), max(x), max(y) FROM p`,
      );
      const [west, south, east, north] = (extent.getRowsJS()[0] ?? []).map((value) =>
        value === null ? null : Number(value),
      );
      if (west != null && south != null && east != null && north != null) bbox = [west, south, east, north];
    }
    return { rows: Number(count.getRowObjectsJS()[0]?.n ?? 0), columns, bbox };
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  } finally {
    signal?.removeEventListener('abort', interrupt);
    connection.closeSync();
  }
}

type Source = (types: Record<string, string>) => string;

/**
 * The publisher's types applied over the guessed ones. Each value that does not fit its type
 * is looked for first, so that the failure names its row, its column and the value.
 */
async function withCasts(
  connection: DuckDBConnection,
  read: Source,
  casts: Record<string, string>,
): Promise<Source> {
  // Without chosen types nothing is to be checked (a DESCRIBE would sniff the file once more).
  if (Object.keys(casts).length === 0) return read;
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${read({})}`);
  const present = new Set(described.getRowObjectsJS().map((row) => String(row.column_name)));
  const applied = Object.entries(casts).filter(([column]) => present.has(column));
  if (applied.length === 0) return read;
  // The chosen columns are read as text (CSV), then cast: a wrong guess cannot get in the way.
  const asText = Object.fromEntries(applied.map(([column]) => [column, 'VARCHAR']));
  for (const [column, type] of applied) {
    const name = quoteIdentifier(column);
    const misfit = await connection.runAndReadAll(
      `SELECT n, CAST(v AS VARCHAR) FROM (SELECT row_number() OVER () AS n, ${name} AS v FROM ${read(asText)})
       WHERE v IS NOT NULL AND TRY_CAST(v AS ${type}) IS NULL LIMIT 1`,
    );
    const [row, value] = misfit.getRowsJS()[0] ?? [];
    if (row !== undefined) {
      throw failure(
        `La valeur « ${String(value).slice(0, 80)} » de la colonne ${column} (ligne de données ${row}) n’est pas du type choisi dans le dictionnaire (${type}).`,
        `The value "${String(value).slice(0, 80)}" of column ${column} (data row ${row}) is not of the type chosen in the dictionary (${type}).`,
        { row: Number(row), column },
      );
    }
  }
  const replace = applied.map(
    ([column, type]) => `CAST(${quoteIdentifier(column)} AS ${type}) AS ${quoteIdentifier(column)}`,
  );
  return (types) => `(SELECT * REPLACE (${replace.join(', ')}) FROM ${read({ ...types, ...asText })})`;
}

async function csvSource(
  connection: DuckDBConnection,
  file: string,
  format: TabularFormat,
  signal?: AbortSignal,
  latin1 = false,
): Promise<Source> {
  await checkDelimitedText(file, signal);
  const guess = await guessHeader(file, format === 'tsv', latin1);
  const path = `${quoteLiteral(file)}${latin1 ? ", encoding = 'latin-1'" : ''}`;
  let sniffed: { delimiter: string; columns: number } | null = null;
  try {
    const reader = await connection.runAndReadAll(
      `SELECT Delimiter AS d, len(Columns)::INTEGER AS n FROM sniff_csv(${path}, header = true)`,
    );
    const row = reader.getRowObjectsJS()[0];
    if (row) sniffed = { delimiter: String(row.d), columns: Number(row.n) };
  } catch (error) {
    // A line too long for any reader (a field of hundreds of megabytes): said as it is (the
    // sniffer's line number counts from its sample, so it is left out).
    const message = error instanceof Error ? error.message : '';
    if (/Maximum line size of \d+ bytes exceeded/.test(message))
      throw explainDuckError(new Error(message.replace(/CSV Error on Line: \d+/, '')));
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

/**
 * GeoJSON: one row per feature, its properties as columns and its geometry kept as GeoJSON text.
 * A feature whose geometry has an unknown type or no coordinates stops the load with its number.
 */
async function geojsonSource(connection: DuckDBConnection, file: string): Promise<Source> {
  // A FeatureCollection is one JSON object: DuckDB must hold it whole (up to 512 MB here).
  const size = (await stat(file)).size;
  if (size > MAX_GEOJSON_BYTES) {
    throw failure(
      'Ce GeoJSON dépasse 512 Mo : publiez-le en GeoJSON par lignes (une entité par ligne) ou découpé.',
      'This GeoJSON is over 512 MB: publish it as line-delimited GeoJSON (one feature per line) or in parts.',
    );
  }
  const objectSize = Math.max(16 * 1024 * 1024, Math.ceil(size * 1.1));
  const features = `(SELECT unnest(features) AS f FROM read_json(${quoteLiteral(file)}, format = 'auto', maximum_object_size = ${objectSize}))`;
  // Every geometry is checked (RFC 7946), streamed feature by feature: the first bad one stops
  // the load with its number and what is wrong with it.
  try {
    const result = await connection.stream(
      `SELECT row_number() OVER () AS n, CAST(to_json(f.geometry) AS VARCHAR) AS g FROM ${features}`,
    );
    for await (const rows of result.yieldRowsJs()) {
      for (const [n, text] of rows) {
        const problem = geometryProblem(text === null ? null : JSON.parse(String(text)));
        if (problem) {
          throw failure(
            `L’entité n° ${n} a une géométrie invalide : ${problem.fr} (${String(text).slice(0, 120)}).`,
            `Feature number ${n} has an invalid geometry: ${problem.en} (${String(text).slice(0, 120)}).`,
            { row: Number(n) },
          );
        }
      }
    }
  } catch (error) {
    if (error instanceof LoadFailure) throw error;
    throw failure(
      `Ce GeoJSON n’est pas une collection d’entités lisible : ${(error as Error).message.split('\n')[0]}`,
      `This GeoJSON is not a readable feature collection: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return () =>
    `(SELECT unnest(f.properties), CAST(to_json(f.geometry) AS VARCHAR) AS geometry FROM ${features})`;
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
