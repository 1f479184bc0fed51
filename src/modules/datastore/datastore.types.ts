import type { Localized } from '../../platform/i18n/index.js';

export type ColumnType = 'integer' | 'decimal' | 'boolean' | 'date' | 'timestamp' | 'text' | 'json';

export interface Column {
  id: string;
  type: ColumnType;
  /** DuckDB's type of the column in the Parquet file. */
  sourceType: string;
  label: Localized | null;
  description: Localized | null;
  /** The type the publisher chose in the data dictionary, when it is not the guessed one. */
  typeOverride?: ColumnType | null;
  /** The column holds codes of a reference set: every load checks them (decision 0023). */
  reference?: ColumnReference | null;
}

/** A column bound to a reference set, with the columns giving each row's date and name. */
export interface ColumnReference {
  set: string;
  /** A date column: codes are checked as valid on each row's date (else today). */
  asOfColumn: string | null;
  /** A name column: compared with the official name of the code. */
  nameColumn: string | null;
}

/** A published table, as the other modules and the API see it (not where its file is). */
export interface Table {
  resourceId: string;
  rowCount: number;
  columns: Column[];
  /** Spatial tables: [west, south, east, north]. */
  bbox: [number, number, number, number] | null;
  loadedAt: Date;
}

export interface LoadError {
  message: Localized;
  row?: number;
  column?: string;
}

/** One load of a resource's file into a table: its state, progress and failure. */
export interface Load {
  id: string;
  resourceId: string;
  source: string;
  format: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  rowsDone: number;
  bytesTotal: number | null;
  percent: number;
  encoding: string | null;
  /** Column → type the publisher asked for (data dictionary), applied by this load. */
  types: Record<string, ColumnType> | null;
  error: LoadError | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}
