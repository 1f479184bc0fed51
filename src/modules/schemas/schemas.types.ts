import type { Localized } from '../../platform/i18n/index.js';
import type { TableSchema } from './validation/table-schema.js';
import type { ValidationReport } from './validation/validate.duckdb.js';

export interface SchemaVersion {
  name: string;
  version: string;
  descriptor: TableSchema;
  changelog: Localized;
  example: string;
  publishedAt: string;
  publishedBy: string;
}

export interface SharedSchema {
  name: string;
  title: Localized;
  description: Localized;
  contact: string;
  ecosystems: string[];
  /** Newest first. */
  versions: Omit<SchemaVersion, 'descriptor' | 'example'>[];
}

export interface PublishSchemaInput {
  name: string;
  version: string;
  title: Localized;
  description: Localized;
  contact: string;
  ecosystems: string[];
  changelog: Localized;
  descriptor: unknown;
  /** A CSV file that must validate against the descriptor. */
  example: string;
}

export interface StoredReport {
  id: string;
  resourceId: string | null;
  schema: { name: string; version: string };
  source: { kind: 'upload' | 'url' | 'resource' | 'refused'; name: string; url?: string; sha256?: string };
  report: ValidationReport;
  createdAt: string;
  expiresAt: string | null;
}

/** A file a resource refused because it failed its schema (`schema_refuse_invalid`). */
export interface RefusedVersion {
  id: string;
  resourceId: string;
  datasetId: string;
  reportId: string;
  sha256: string;
  filename: string;
  /** The earlier valid file the resource went back to; null when there was none (the resource was removed). */
  keptSha256: string | null;
  refusedAt: string;
}
