import type { Queryable } from '../../platform/db/index.js';
import type { CriterionOutcome, LinkCheck, LinkErrorCode } from './quality.types.js';

/** A dataset's stored score: the verdicts, without the texts that explain them. */
export interface StoredScore {
  datasetId: string;
  score: number;
  criteria: CriterionOutcome[];
  computedAt: Date;
}

interface CheckRow {
  resourceId: string;
  datasetId: string;
  url: string;
  ok: boolean;
  status: number | null;
  contentType: string | null;
  size: number | null;
  durationMs: number;
  errorCode: LinkErrorCode | null;
  errorDetail: string | null;
  checkedAt: Date | string;
  failingSince: Date | string | null;
}

const CHECK_COLUMNS = `resource_id AS "resourceId", dataset_id AS "datasetId", url, ok, status,
  content_type AS "contentType", size::float8 AS size, duration_ms AS "durationMs",
  error_code AS "errorCode", error_detail AS "errorDetail", checked_at AS "checkedAt",
  failing_since AS "failingSince"`;

function checkFromRow(row: CheckRow): LinkCheck {
  return {
    resourceId: row.resourceId,
    datasetId: row.datasetId,
    url: row.url,
    ok: row.ok,
    status: row.status,
    contentType: row.contentType,
    size: row.size,
    durationMs: row.durationMs,
    error: row.errorCode ? { code: row.errorCode, detail: row.errorDetail ?? '' } : null,
    checkedAt: new Date(row.checkedAt),
    failingSince: row.failingSince === null ? null : new Date(row.failingSince),
  };
}

export function createQualityRepo(db: Queryable) {
  async function scores(ids: readonly string[]): Promise<Map<string, StoredScore>> {
    if (ids.length === 0) return new Map();
    const rows = await db.query<Omit<StoredScore, 'computedAt'> & { computedAt: Date | string }>(
      `SELECT dataset_id AS "datasetId", score, criteria, computed_at AS "computedAt"
       FROM quality.scores WHERE dataset_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.datasetId, { ...row, computedAt: new Date(row.computedAt) }]));
  }

  return {
    /**
     * Keeps a computed score unless a computation from newer facts is already stored; true when
     * written.
     */
    async saveScore(score: StoredScore): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO quality.scores (dataset_id, score, criteria, computed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (dataset_id) DO UPDATE
           SET score = EXCLUDED.score, criteria = EXCLUDED.criteria, computed_at = EXCLUDED.computed_at
           WHERE quality.scores.computed_at <= EXCLUDED.computed_at
         RETURNING dataset_id`,
        [score.datasetId, score.score, JSON.stringify(score.criteria), score.computedAt],
      );
      return rows.length > 0;
    },

    async score(datasetId: string): Promise<StoredScore | null> {
      return (await scores([datasetId])).get(datasetId) ?? null;
    },

    scores,

    async deleteScore(datasetId: string): Promise<void> {
      await db.query('DELETE FROM quality.scores WHERE dataset_id = $1', [datasetId]);
    },

    /** Those of the ids that have no score yet. */
    async unscored(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db.query<{ id: string }>(
        `SELECT id::text AS id FROM unnest($1::uuid[]) AS id
         WHERE NOT EXISTS (SELECT 1 FROM quality.scores s WHERE s.dataset_id = id)`,
        [ids],
      );
      return rows.map((row) => row.id);
    },

    /**
     * Keeps a link's latest check. A failure of the same URL keeps the date it was first seen; a
     * success, or another URL, starts afresh.
     */
    async saveCheck(check: Omit<LinkCheck, 'failingSince'>): Promise<void> {
      await db.query(
        `INSERT INTO quality.link_checks (resource_id, dataset_id, url, ok, status, content_type, size,
           duration_ms, error_code, error_detail, checked_at, failing_since)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $4 THEN NULL ELSE $11::timestamptz END)
         ON CONFLICT (resource_id) DO UPDATE SET
           dataset_id = EXCLUDED.dataset_id, url = EXCLUDED.url, ok = EXCLUDED.ok,
           status = EXCLUDED.status, content_type = EXCLUDED.content_type, size = EXCLUDED.size,
           duration_ms = EXCLUDED.duration_ms, error_code = EXCLUDED.error_code,
           error_detail = EXCLUDED.error_detail, checked_at = EXCLUDED.checked_at,
           failing_since = CASE
             WHEN EXCLUDED.ok THEN NULL
             WHEN quality.link_checks.url = EXCLUDED.url AND NOT quality.link_checks.ok
               THEN coalesce(quality.link_checks.failing_since, EXCLUDED.checked_at)
             ELSE EXCLUDED.checked_at END`,
        [
          check.resourceId,
          check.datasetId,
          check.url,
          check.ok,
          check.status,
          check.contentType,
          check.size,
          Math.round(check.durationMs),
          check.error?.code ?? null,
          check.error?.detail.slice(0, 500) ?? null,
          check.checkedAt,
        ],
      );
    },

    /** The latest checks of a dataset's links. */
    async checks(datasetId: string): Promise<LinkCheck[]> {
      const rows = await db.query<CheckRow>(
        `SELECT ${CHECK_COLUMNS} FROM quality.link_checks WHERE dataset_id = $1 ORDER BY checked_at, resource_id`,
        [datasetId],
      );
      return rows.map(checkFromRow);
    },

    /** Checks of resources no run has seen since `before` (removed, or now an uploaded file). */
    async removeChecksBefore(before: Date): Promise<void> {
      await db.query('DELETE FROM quality.link_checks WHERE checked_at < $1', [before]);
    },

    async startRun(id: string): Promise<void> {
      await db.query('INSERT INTO quality.link_runs (id) VALUES ($1)', [id]);
    },

    async finishRun(id: string, counts: { checked: number; failed: number }): Promise<void> {
      await db.query(
        'UPDATE quality.link_runs SET finished_at = now(), checked = $2, failed = $3 WHERE id = $1',
        [id, counts.checked, counts.failed],
      );
    },

    /** When the last run of the link checker started, if any did. */
    async lastRunStart(): Promise<Date | null> {
      const rows = await db.query<{ startedAt: Date | string }>(
        'SELECT started_at AS "startedAt" FROM quality.link_runs ORDER BY started_at DESC LIMIT 1',
      );
      return rows[0] ? new Date(rows[0].startedAt) : null;
    },
  };
}

export type QualityRepo = ReturnType<typeof createQualityRepo>;
