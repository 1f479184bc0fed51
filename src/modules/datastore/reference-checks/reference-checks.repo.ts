import type { Queryable } from '../../../platform/db/index.js';
import type { CheckKind, CheckResult, CheckSample } from './check.duckdb.js';

export interface StoredCheck {
  resourceId: string;
  column: string;
  set: string;
  version: string;
  checkedAt: Date;
  counts: CheckResult['counts'] & { rows: number; coded: number };
  samples: Partial<Record<CheckKind, CheckSample[]>>;
}

/** The last integrity check of each bound column. */
export function createReferenceChecksRepo(db: Queryable) {
  const columns = `resource_id AS "resourceId", column_id AS "column", set_id AS "set", version_id AS "version",
    checked_at AS "checkedAt", counts, samples`;
  return {
    async save(check: Omit<StoredCheck, 'checkedAt'>): Promise<void> {
      await db.query(
        `INSERT INTO datastore.reference_checks (resource_id, column_id, set_id, version_id, counts, samples)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (resource_id, column_id) DO UPDATE SET set_id = excluded.set_id, version_id = excluded.version_id,
           counts = excluded.counts, samples = excluded.samples, checked_at = now()`,
        [
          check.resourceId,
          check.column,
          check.set,
          check.version,
          JSON.stringify(check.counts),
          JSON.stringify(check.samples),
        ],
      );
    },

    async ofResource(resourceId: string): Promise<StoredCheck[]> {
      return db.query<StoredCheck>(
        `SELECT ${columns} FROM datastore.reference_checks WHERE resource_id = $1 ORDER BY column_id`,
        [resourceId],
      );
    },

    /** Checks of columns no longer bound (the dictionary changed) are dropped. */
    async keepOnly(resourceId: string, bound: string[]): Promise<void> {
      await db.query(
        `DELETE FROM datastore.reference_checks WHERE resource_id = $1 AND NOT (column_id = ANY($2::text[]))`,
        [resourceId, bound],
      );
    },

    /** Resources with a column bound to a set (for the re-check after a new version). */
    async resourcesBoundTo(set: string): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT resource_id::text AS id FROM datastore.tables
         WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(columns) c WHERE c -> 'reference' ->> 'set' = $1)`,
        [set],
      );
      return rows.map((row) => row.id);
    },
  };
}
