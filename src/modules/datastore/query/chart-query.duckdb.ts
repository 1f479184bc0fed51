import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier } from '../../../platform/duckdb/index.js';
import type { BarSpec, ChartSpec, LineSpec, Measure, ScatterSpec } from '../views.js';
import { readRows, tableSource } from './table-query.duckdb.js';

export const BAR_POINTS = 20;
export const LINE_POINTS = 1000;
export const SCATTER_POINTS = 2000;

export type ChartData =
  | (BarSpec & { points: { label: string; value: number }[]; others: number })
  | (LineSpec & {
      /** How dates were grouped; null for a number axis. */
      interval: 'day' | 'month' | 'year' | null;
      points: { x: string | number; value: number }[];
      truncated: boolean;
    })
  | (ScatterSpec & { points: [number, number][]; total: number });

/** The figures of a chart, computed by DuckDB on the table's Parquet file. */
export async function chartData(
  connection: DuckDBConnection,
  file: string,
  spec: ChartSpec,
  xType: string,
): Promise<ChartData> {
  const source = tableSource(file);
  if (spec.kind === 'bar') {
    const category = quoteIdentifier(spec.category);
    const rows = await readRows(connection, {
      sql: `SELECT CAST(${category} AS VARCHAR), ${aggregate(spec.measure)} AS v FROM ${source}
            GROUP BY 1 ORDER BY v DESC NULLS LAST, 1 NULLS LAST`,
      params: [],
    });
    const points = rows.map((row) => ({
      label: row[0] === null ? '—' : String(row[0]),
      value: Number(row[1] ?? 0),
    }));
    return { ...spec, points: points.slice(0, BAR_POINTS), others: Math.max(0, points.length - BAR_POINTS) };
  }
  if (spec.kind === 'line') {
    const x = quoteIdentifier(spec.x);
    const interval =
      xType === 'date' || xType === 'timestamp' ? await dateInterval(connection, source, x) : null;
    const key = interval ? `CAST(date_trunc('${interval}', ${x}) AS DATE)` : x;
    const rows = await readRows(connection, {
      sql: `SELECT ${key} AS x, ${aggregate(spec.measure)} AS v FROM ${source} WHERE ${x} IS NOT NULL
            GROUP BY 1 ORDER BY 1 LIMIT ${LINE_POINTS + 1}`,
      params: [],
    });
    const points = rows.slice(0, LINE_POINTS).map((row) => ({
      x: typeof row[0] === 'number' ? row[0] : String(row[0]),
      value: Number(row[1] ?? 0),
    }));
    return { ...spec, interval, points, truncated: rows.length > LINE_POINTS };
  }
  const [x, y] = [quoteIdentifier(spec.x), quoteIdentifier(spec.y)];
  const both = `FROM ${source} WHERE ${x} IS NOT NULL AND ${y} IS NOT NULL`;
  const [count] = await readRows(connection, { sql: `SELECT count(*)::DOUBLE ${both}`, params: [] });
  const rows = await readRows(connection, {
    sql: `SELECT * FROM (SELECT CAST(${x} AS DOUBLE), CAST(${y} AS DOUBLE) ${both})
          USING SAMPLE reservoir(${SCATTER_POINTS} ROWS) REPEATABLE (7)`,
    params: [],
  });
  return {
    ...spec,
    points: rows.map((row) => [Number(row[0]), Number(row[1])] as [number, number]),
    total: Number(count?.[0] ?? 0),
  };
}

function aggregate(measure: Measure): string {
  return measure.fn === 'count' || !measure.column
    ? 'count(*)::DOUBLE'
    : `${measure.fn}(${quoteIdentifier(measure.column)})::DOUBLE`;
}

/** Days for up to three months of data, months for up to eight years, years beyond. */
async function dateInterval(
  connection: DuckDBConnection,
  source: string,
  x: string,
): Promise<'day' | 'month' | 'year'> {
  const [span] = await readRows(connection, {
    sql: `SELECT date_diff('day', CAST(min(${x}) AS DATE), CAST(max(${x}) AS DATE))::DOUBLE FROM ${source}`,
    params: [],
  });
  const days = Number(span?.[0] ?? 0);
  return days <= 92 ? 'day' : days <= 8 * 366 ? 'month' : 'year';
}
