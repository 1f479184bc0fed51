import { type Queryable, queryOne } from '../../platform/db/index.js';
import type { HarvestedDataset, HarvestRun, HarvestSource, ItemAction, RunItem } from './harvest.types.js';
import type { UpstreamEntry } from './readers/reader.js';
import { createRecordsRepo } from './records.repo.js';

export type { StoredRecord } from './records.repo.js';

const SOURCE_COLUMNS = `id, name, title, organization_id AS "organizationId", kind, url, schedule, filters,
  license_default AS "licenseDefault", mirror, created_by AS "createdBy", created, modified, since,
  next_run_at AS "nextRunAt"`;

const RUN_COLUMNS = `r.id, r.source_id AS "sourceId", r.dry_run AS "dryRun", r.status, r.phase, r.pages,
  r.requests, r.total, r.since, r.error, r.created, r.started, r.finished,
  (SELECT coalesce(json_object_agg(coalesce(i.action, 'pending'), i.n), '{}') FROM (
     SELECT action, count(*)::int AS n FROM harvest.run_items WHERE run_id = r.id GROUP BY action) i) AS counts`;

export interface PendingItem {
  upstreamId: string;
  upstreamModified: string | null;
  record: HarvestedDataset | null;
  raw: string | null;
  reason: string | null;
}

/** What a source's owner sets. */
export type SourceSettings = Omit<HarvestSource, 'id' | 'createdBy' | 'created' | 'modified' | 'since'>;

const withCounts = (run: HarvestRun): HarvestRun => ({
  ...run,
  counts: {
    created: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    restored: 0,
    merged: 0,
    error: 0,
    pending: 0,
    ...(run.counts as Partial<HarvestRun['counts']>),
  },
});

/** The harvest schema's tables. */
export function createHarvestRepo(db: Queryable) {
  return {
    /** Adds the source, or replaces its settings (one column list for both). */
    async saveSource(source: SourceSettings & { id: string; createdBy: string | null }): Promise<void> {
      await db.query(
        `INSERT INTO harvest.sources (id, name, title, organization_id, kind, url, schedule, filters,
           license_default, mirror, next_run_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, title = excluded.title,
           organization_id = excluded.organization_id, kind = excluded.kind, url = excluded.url,
           schedule = excluded.schedule, filters = excluded.filters,
           license_default = excluded.license_default, mirror = excluded.mirror,
           next_run_at = excluded.next_run_at, modified = now()`,
        [
          source.id,
          source.name,
          source.title,
          source.organizationId,
          source.kind,
          source.url,
          source.schedule,
          JSON.stringify(source.filters),
          source.licenseDefault,
          source.mirror,
          source.nextRunAt,
          source.createdBy,
        ],
      );
    },

    deleteSource: async (id: string) => {
      await db.query('DELETE FROM harvest.sources WHERE id = $1', [id]);
    },

    findSource: (reference: string) =>
      queryOne<HarvestSource>(
        db,
        `SELECT ${SOURCE_COLUMNS} FROM harvest.sources WHERE id::text = $1 OR name = $1 LIMIT 1`,
        [reference],
      ),

    listSources: (organizationIds: readonly string[] | null) =>
      db.query<HarvestSource>(
        `SELECT ${SOURCE_COLUMNS} FROM harvest.sources
         WHERE $1::uuid[] IS NULL OR organization_id = ANY($1::uuid[]) ORDER BY title`,
        [organizationIds],
      ),

    /** Sources whose scheduled time has come. */
    dueSources: () =>
      db.query<HarvestSource>(
        `SELECT ${SOURCE_COLUMNS} FROM harvest.sources WHERE next_run_at IS NOT NULL AND next_run_at <= now()`,
      ),

    setNextRun: async (id: string, at: Date | null) => {
      await db.query('UPDATE harvest.sources SET next_run_at = $2 WHERE id = $1', [id, at]);
    },

    setSince: async (id: string, since: string | null) => {
      await db.query('UPDATE harvest.sources SET since = $2 WHERE id = $1', [id, since]);
    },

    /** A new run, unless one of the source's is queued or running (null then). */
    async insertRun(run: { id: string; sourceId: string; dryRun: boolean; requestedBy: string | null }) {
      const rows = await db.query<{ id: string }>(
        `INSERT INTO harvest.runs (id, source_id, dry_run, status, requested_by)
         VALUES ($1, $2, $3, 'queued', $4) ON CONFLICT DO NOTHING RETURNING id`,
        [run.id, run.sourceId, run.dryRun, run.requestedBy],
      );
      return rows.length > 0;
    },

    setRunSince: async (id: string, since: string | null) => {
      await db.query('UPDATE harvest.runs SET since = $2 WHERE id = $1', [id, since]);
    },

    activeRun: (sourceId: string) =>
      queryOne<{ id: string }>(
        db,
        `SELECT id FROM harvest.runs WHERE source_id = $1 AND status IN ('queued', 'running')`,
        [sourceId],
      ),

    async findRun(id: string): Promise<(HarvestRun & { cursor: string | null }) | null> {
      const run = await queryOne<HarvestRun & { cursor: string | null }>(
        db,
        `SELECT ${RUN_COLUMNS}, r.cursor FROM harvest.runs r WHERE r.id = $1`,
        [id],
      );
      return run ? { ...withCounts(run), cursor: run.cursor } : null;
    },

    async listRuns(sourceId: string, limit: number): Promise<HarvestRun[]> {
      const runs = await db.query<HarvestRun>(
        `SELECT ${RUN_COLUMNS} FROM harvest.runs r WHERE r.source_id = $1 ORDER BY r.created DESC LIMIT $2`,
        [sourceId, limit],
      );
      return runs.map(withCounts);
    },

    /** Takes the run for this worker for `seconds` unless another holds it; false when held. */
    async lease(id: string, seconds: number): Promise<boolean> {
      const rows = await db.query(
        `UPDATE harvest.runs SET lease_until = now() + make_interval(secs => $2),
           status = CASE WHEN status = 'queued' THEN 'running' ELSE status END,
           started = coalesce(started, now())
         WHERE id = $1 AND status IN ('queued', 'running')
           AND (lease_until IS NULL OR lease_until < now()) RETURNING id`,
        [id, seconds],
      );
      return rows.length > 0;
    },

    renew: async (id: string, seconds: number) => {
      await db.query(
        'UPDATE harvest.runs SET lease_until = now() + make_interval(secs => $2) WHERE id = $1',
        [id, seconds],
      );
    },

    release: async (id: string) => {
      await db.query('UPDATE harvest.runs SET lease_until = NULL WHERE id = $1', [id]);
    },

    /** Runs left running by a worker that stopped or died (their lease ran out). */
    abandonedRuns: () =>
      db.query<{ id: string }>(
        `SELECT id FROM harvest.runs
         WHERE (status = 'running' AND (lease_until IS NULL OR lease_until < now()))
            OR (status = 'queued' AND created < now() - interval '2 minutes')`,
      ),

    /** Keeps a page's entries and where the next page starts, together. */
    async stagePage(
      runId: string,
      entries: readonly UpstreamEntry[],
      page: { next: string | null; total: number | null | undefined; requests: number },
    ): Promise<void> {
      if (entries.length > 0) {
        await db.query(
          `INSERT INTO harvest.run_items (run_id, upstream_id, upstream_modified, record, raw, reason)
           SELECT $1, e.id, e.modified, e.record, e.raw, e.reason
           FROM jsonb_to_recordset($2::jsonb) AS e(id text, modified text, record jsonb, raw text, reason text)
           ON CONFLICT (run_id, upstream_id) DO UPDATE SET
             record = coalesce(excluded.record, harvest.run_items.record),
             upstream_modified = coalesce(excluded.upstream_modified, harvest.run_items.upstream_modified),
             raw = coalesce(excluded.raw, harvest.run_items.raw),
             reason = coalesce(excluded.reason, harvest.run_items.reason)`,
          [
            runId,
            JSON.stringify(
              entries.map((entry) => ({
                id: entry.id.slice(0, 1000),
                modified: entry.modified,
                record: entry.dataset,
                raw: entry.raw ?? null,
                reason: entry.error ?? null,
              })),
            ),
          ],
        );
      }
      await db.query(
        `UPDATE harvest.runs SET cursor = $2, pages = pages + 1, requests = $4,
           total = coalesce($3, total), phase = CASE WHEN $2::text IS NULL THEN 'applying' ELSE phase END
         WHERE id = $1`,
        [runId, page.next, page.total ?? null, page.requests],
      );
    },

    setRequests: async (runId: string, requests: number) => {
      await db.query('UPDATE harvest.runs SET requests = $2 WHERE id = $1', [runId, requests]);
    },

    /**
     * Settles at once the listed items that did not change upstream (no record read) and whose
     * record is live: unchanged, or merged; returns how many.
     */
    async settleUnchanged(runId: string, sourceId: string): Promise<number> {
      const rows = await db.query<{ upstream_id: string }>(
        `WITH settled AS (
           UPDATE harvest.run_items i SET state = 'done',
             action = CASE WHEN r.merged_reason IS NULL THEN 'unchanged' ELSE 'merged' END,
             reason = r.merged_reason, dataset_id = r.dataset_id
           FROM harvest.records r
           WHERE i.run_id = $1 AND i.state = 'pending' AND i.record IS NULL AND i.reason IS NULL
             AND r.source_id = $2 AND r.upstream_id = i.upstream_id AND r.withdrawn_at IS NULL
           RETURNING i.upstream_id)
         UPDATE harvest.records r SET last_run = $1 FROM settled s
         WHERE r.source_id = $2 AND r.upstream_id = s.upstream_id RETURNING r.upstream_id`,
        [runId, sourceId],
      );
      return rows.length;
    },

    pendingItems: (runId: string, limit: number) =>
      db.query<PendingItem>(
        `SELECT upstream_id AS "upstreamId", upstream_modified AS "upstreamModified", record, raw, reason
         FROM harvest.run_items WHERE run_id = $1 AND state = 'pending' ORDER BY seq LIMIT $2`,
        [runId, limit],
      ),

    async settleItem(
      runId: string,
      upstreamId: string,
      outcome: { action: ItemAction; reason: string | null; datasetId: string | null },
    ): Promise<void> {
      await db.query(
        `UPDATE harvest.run_items SET state = 'done', action = $3, reason = $4, dataset_id = $5
         WHERE run_id = $1 AND upstream_id = $2`,
        [runId, upstreamId, outcome.action, outcome.reason, outcome.datasetId],
      );
    },

    async addWithdrawn(runId: string, upstreamId: string, datasetId: string, reason: string): Promise<void> {
      await db.query(
        `INSERT INTO harvest.run_items (run_id, upstream_id, state, action, reason, dataset_id)
         VALUES ($1, $2, 'done', 'withdrawn', $3, $4) ON CONFLICT DO NOTHING`,
        [runId, upstreamId, reason, datasetId],
      );
    },

    itemCount: async (runId: string) =>
      Number(
        (
          await queryOne<{ n: string }>(db, 'SELECT count(*) AS n FROM harvest.run_items WHERE run_id = $1', [
            runId,
          ])
        )?.n ?? 0,
      ),

    /** The newest upstream modification date among a run's items (CKAN's next `since`). */
    maxModified: async (runId: string) =>
      (
        await queryOne<{ max: string | null }>(
          db,
          'SELECT max(upstream_modified) AS max FROM harvest.run_items WHERE run_id = $1',
          [runId],
        )
      )?.max ?? null,

    setPhase: async (runId: string, phase: HarvestRun['phase']) => {
      await db.query('UPDATE harvest.runs SET phase = $2 WHERE id = $1', [runId, phase]);
    },

    finishRun: async (runId: string, status: 'succeeded' | 'failed', error: string | null) => {
      await db.query(
        `UPDATE harvest.runs SET status = $2, error = $3, phase = CASE WHEN $2 = 'succeeded' THEN 'done' ELSE phase END,
           finished = now(), lease_until = NULL WHERE id = $1`,
        [runId, status, error],
      );
    },

    runItems: (runId: string, action: ItemAction | null, limit: number, offset: number) =>
      db.query<RunItem>(
        `SELECT upstream_id AS "upstreamId", action, reason, dataset_id AS "datasetId", raw
         FROM harvest.run_items WHERE run_id = $1 AND ($2::text IS NULL OR action = $2)
         ORDER BY seq LIMIT $3 OFFSET $4`,
        [runId, action, limit, offset],
      ),

    ...createRecordsRepo(db),
  };
}

export type HarvestRepo = ReturnType<typeof createHarvestRepo>;
