import type { Db, Queryable } from '../../platform/db/index.js';
import type { VersionPlan } from './diff.js';
import type { BulkFileRef, Change, Notice, Period, SetDefinition, Version } from './reference.types.js';

const VERSION_COLUMNS = `id, set_id AS set, label, reference_date::text AS "referenceDate", previous_id AS previous,
  published_at AS "publishedAt", fictitious, attributes, sources,
  (SELECT COALESCE(jsonb_object_agg(f.name, jsonb_build_object('sha256', f.sha256, 'bytes', f.bytes, 'contentType', f.content_type)), '{}')
   FROM reference.version_files f WHERE f.version_id = v.id) AS files, row_count AS "rowCount",
  change_count AS "changeCount", structure_override AS "structureOverride"`;

const PERIOD_COLUMNS = `id::int AS id, code, valid_from::text AS "validFrom", valid_to::text AS "validTo", name,
  name_en AS "nameEn", attributes, start_reason AS "startReason", end_reason AS "endReason",
  created_in AS "createdIn", ended_in AS "endedIn"`;

type VersionRow = Omit<Version, 'publishedAt'> & { publishedAt: Date | string };
const version = (row: VersionRow): Version => ({
  ...row,
  publishedAt: new Date(row.publishedAt).toISOString(),
});

export interface LineageRow {
  predecessor: number;
  successor: number;
  event: string;
  effective: string;
}

/** All SQL of the reference schema. */
export function createReferenceRepo(db: Db) {
  return {
    async putSet(set: SetDefinition): Promise<void> {
      await db.query(
        `INSERT INTO reference.sets (id, definition) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()
         WHERE reference.sets.definition IS DISTINCT FROM EXCLUDED.definition`,
        [set.id, JSON.stringify(set)],
      );
    },

    async versions(set: string): Promise<Version[]> {
      const rows = await db.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM reference.versions v WHERE set_id = $1 ORDER BY published_at DESC, label DESC`,
        [set],
      );
      return rows.map(version);
    },

    /** The latest version of every set, in one query (the cheap check the lookups make). */
    async currentVersions(): Promise<Map<string, string>> {
      const rows = await db.query<{ set: string; id: string }>(
        `SELECT DISTINCT ON (set_id) set_id AS set, id FROM reference.versions ORDER BY set_id, published_at DESC, label DESC`,
      );
      return new Map(rows.map((row) => [row.set, row.id]));
    },

    async periods(set: string): Promise<Period[]> {
      return db.query<Period>(
        `SELECT ${PERIOD_COLUMNS} FROM reference.entities WHERE set_id = $1 ORDER BY code, valid_from NULLS FIRST`,
        [set],
      );
    },

    async snapshots(set: string): Promise<{ version: string; ids: number[] }[]> {
      return db.query(
        `SELECT ve.version_id AS version, array_agg(ve.entity_id::int) AS ids
         FROM reference.version_entities ve JOIN reference.versions v ON v.id = ve.version_id
         WHERE v.set_id = $1 GROUP BY ve.version_id`,
        [set],
      );
    },

    async lineage(set: string): Promise<LineageRow[]> {
      return db.query<LineageRow>(
        `SELECT l.predecessor::int AS predecessor, l.successor::int AS successor, l.event, l.effective::text AS effective
         FROM reference.lineage l JOIN reference.entities e ON e.id = l.predecessor WHERE e.set_id = $1`,
        [set],
      );
    },

    async changes(versionId: string): Promise<Change[]> {
      return db.query<Change>(
        `SELECT code, kind, before, after, related FROM reference.changes WHERE version_id = $1 ORDER BY position`,
        [versionId],
      );
    },

    /**
     * Publishes a planned version in one transaction: the version row, the ends of periods, the
     * new periods, the snapshot (every period current afterwards), lineage and the change log.
     */
    async publish(input: {
      version: Omit<Version, 'publishedAt' | 'changeCount' | 'files'>;
      plan: VersionPlan;
    }): Promise<void> {
      const { version: v, plan } = input;
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO reference.versions (id, set_id, label, reference_date, previous_id, fictitious, attributes, sources,
             row_count, change_count, structure_override)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            v.id,
            v.set,
            v.label,
            v.referenceDate,
            v.previous,
            v.fictitious,
            JSON.stringify(v.attributes),
            JSON.stringify(v.sources),
            v.rowCount,
            plan.changes.length,
            v.structureOverride ? JSON.stringify(v.structureOverride) : null,
          ],
        );
        const ending = await endPeriods(tx, v.set, v.id, plan.ends);
        await tx.query(
          `INSERT INTO reference.entities (set_id, code, valid_from, name, name_en, attributes, start_reason, created_in)
           SELECT $1, r.code, r.valid_from, r.name, r.name_en, r.attributes, r.start_reason, $2
           FROM jsonb_to_recordset($3::jsonb) AS r(code text, valid_from date, name text, name_en text, attributes jsonb, start_reason text)`,
          [
            v.set,
            v.id,
            JSON.stringify(
              plan.opens.map((open) => ({
                code: open.entity.code,
                valid_from: open.validFrom,
                name: open.entity.name,
                name_en: open.entity.nameEn,
                attributes: open.entity.attributes,
                start_reason: open.reason,
              })),
            ),
          ],
        );
        await tx.query(
          `INSERT INTO reference.version_entities (version_id, entity_id)
           SELECT $1, id FROM reference.entities WHERE set_id = $2 AND valid_to IS NULL`,
          [v.id, v.set],
        );
        if (plan.lineage.length > 0) {
          await tx.query(
            `INSERT INTO reference.lineage (predecessor, successor, event, effective, version_id)
             SELECT p.id, s.id, r.event, r.effective, $2
             FROM jsonb_to_recordset($3::jsonb) AS r("from" text, "to" text, event text, effective date)
             JOIN reference.entities s ON s.set_id = $1 AND s.code = r."to" AND s.valid_to IS NULL
             JOIN reference.entities p ON p.id = ($4::jsonb ->> r."from")::bigint`,
            [v.set, v.id, JSON.stringify(plan.lineage), JSON.stringify(ending)],
          );
        }
        await tx.query(
          `INSERT INTO reference.changes (version_id, position, code, kind, before, after, related)
           SELECT $1, r.position, r.code, r.kind, r.before, r.after, ARRAY(SELECT jsonb_array_elements_text(r.related))
           FROM jsonb_to_recordset($2::jsonb) AS r(position int, code text, kind text, before jsonb, after jsonb, related jsonb)`,
          [v.id, JSON.stringify(plan.changes.map((change, position) => ({ position, ...change })))],
        );
      });
    },

    async addFiles(versionId: string, files: Record<string, BulkFileRef>): Promise<void> {
      await db.query(
        `INSERT INTO reference.version_files (version_id, name, sha256, bytes, content_type)
         SELECT $1, r.name, r.sha256, r.bytes, r.content_type
         FROM jsonb_to_recordset($2::jsonb) AS r(name text, sha256 text, bytes bigint, content_type text)
         ON CONFLICT DO NOTHING`,
        [
          versionId,
          JSON.stringify(
            Object.entries(files).map(([name, f]) => ({
              name,
              sha256: f.sha256,
              bytes: f.bytes,
              content_type: f.contentType,
            })),
          ),
        ],
      );
    },

    async notices(set: string): Promise<Notice[]> {
      const rows = await db.query<Notice & { announcedAt: Date }>(
        `SELECT id::int AS id, set_id AS set, announced_at AS "announcedAt", effective_on::text AS "effectiveOn",
           description, announced_by AS "announcedBy"
         FROM reference.notices WHERE set_id = $1 ORDER BY announced_at DESC`,
        [set],
      );
      return rows.map((row) => ({ ...row, announcedAt: new Date(row.announcedAt).toISOString() }));
    },

    async addNotice(notice: Omit<Notice, 'id' | 'announcedAt'> & { announcedAt?: string }): Promise<void> {
      await db.query(
        `INSERT INTO reference.notices (set_id, effective_on, description, announced_by, announced_at)
         VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now()))`,
        [
          notice.set,
          notice.effectiveOn,
          JSON.stringify(notice.description),
          notice.announcedBy,
          notice.announcedAt ?? null,
        ],
      );
    },
  };
}

/** Ends the current period of each code; returns code → the id of the period ended. */
async function endPeriods(
  tx: Queryable,
  set: string,
  versionId: string,
  ends: VersionPlan['ends'],
): Promise<Record<string, number>> {
  if (ends.length === 0) return {};
  const rows = await tx.query<{ code: string; id: number }>(
    `UPDATE reference.entities e SET valid_to = r.effective, end_reason = r.reason, ended_in = $2
     FROM jsonb_to_recordset($3::jsonb) AS r(code text, effective date, reason text)
     WHERE e.set_id = $1 AND e.code = r.code AND e.valid_to IS NULL
     RETURNING e.code, e.id::int AS id`,
    [set, versionId, JSON.stringify(ends)],
  );
  return Object.fromEntries(rows.map((row) => [row.code, row.id]));
}
