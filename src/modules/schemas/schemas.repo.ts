import type { Db } from '../../platform/db/index.js';
import type {
  PublishSchemaInput,
  RefusedVersion,
  SchemaVersion,
  SharedSchema,
  StoredReport,
} from './schemas.types.js';

type Row = Record<string, unknown>;
const iso = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

/** All SQL of the schemas schema. */
export function createSchemasRepo(db: Db) {
  return {
    async list(): Promise<SharedSchema[]> {
      const rows = await db.query<Row>(
        `SELECT s.name, s.title, s.description, s.contact, s.ecosystems,
           COALESCE(jsonb_agg(jsonb_build_object('name', v.name, 'version', v.version, 'changelog', v.changelog,
             'publishedAt', v.published_at, 'publishedBy', v.published_by) ORDER BY v.published_at DESC)
             FILTER (WHERE v.version IS NOT NULL), '[]') AS versions
         FROM schemas.schemas s LEFT JOIN schemas.versions v ON v.name = s.name
         GROUP BY s.name ORDER BY s.name`,
      );
      return rows as unknown as SharedSchema[];
    },

    async version(name: string, version: string): Promise<SchemaVersion | null> {
      const rows = await db.query<Row>(
        `SELECT name, version, descriptor, changelog, example, published_at AS "publishedAt", published_by AS "publishedBy"
         FROM schemas.versions WHERE name = $1 AND version = $2`,
        [name, version],
      );
      const row = rows[0];
      return row ? ({ ...row, publishedAt: iso(row.publishedAt) } as unknown as SchemaVersion) : null;
    },

    async publish(input: PublishSchemaInput, by: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO schemas.schemas (name, title, description, contact, ecosystems) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (name) DO UPDATE SET title = excluded.title, description = excluded.description,
             contact = excluded.contact, ecosystems = excluded.ecosystems`,
          [
            input.name,
            JSON.stringify(input.title),
            JSON.stringify(input.description),
            input.contact,
            input.ecosystems,
          ],
        );
        await tx.query(
          `INSERT INTO schemas.versions (name, version, descriptor, changelog, example, published_by) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            input.name,
            input.version,
            JSON.stringify(input.descriptor),
            JSON.stringify(input.changelog),
            input.example,
            by,
          ],
        );
      });
    },

    async saveReport(report: Omit<StoredReport, 'createdAt'>): Promise<void> {
      const values = [
        report.id,
        report.resourceId,
        report.schema.name,
        report.schema.version,
        JSON.stringify(report.source),
        JSON.stringify(report.report),
        report.expiresAt,
      ];
      if (report.resourceId) {
        await db.query(
          `INSERT INTO schemas.reports (id, resource_id, schema_name, schema_version, source, report, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (resource_id) WHERE resource_id IS NOT NULL DO UPDATE SET id = excluded.id,
             schema_name = excluded.schema_name, schema_version = excluded.schema_version, source = excluded.source,
             report = excluded.report, created_at = now()`,
          values,
        );
      } else {
        await db.query(
          `INSERT INTO schemas.reports (id, resource_id, schema_name, schema_version, source, report, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          values,
        );
      }
    },

    async report(where: { id?: string; resourceId?: string }): Promise<StoredReport | null> {
      const rows = await db.query<Row>(
        `SELECT id, resource_id AS "resourceId", schema_name, schema_version, source, report, created_at AS "createdAt",
           expires_at AS "expiresAt"
         FROM schemas.reports WHERE ${where.id ? 'id = $1' : 'resource_id = $1'} AND (expires_at IS NULL OR expires_at > now())`,
        [where.id ?? where.resourceId],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        id: row.id as string,
        resourceId: (row.resourceId as string | null) ?? null,
        schema: { name: row.schema_name as string, version: row.schema_version as string },
        source: row.source as StoredReport['source'],
        report: row.report as StoredReport['report'],
        createdAt: iso(row.createdAt) as string,
        expiresAt: iso(row.expiresAt),
      };
    },

    async deleteReport(id: string): Promise<void> {
      await db.query('DELETE FROM schemas.reports WHERE id = $1', [id]);
    },

    async refuse(value: Omit<RefusedVersion, 'refusedAt'>): Promise<void> {
      const before = await db.query<{ id: string }>(
        'SELECT report_id AS id FROM schemas.refused_versions WHERE resource_id = $1 AND sha256 = $2',
        [value.resourceId, value.sha256],
      );
      await db.query(
        `INSERT INTO schemas.refused_versions (id, resource_id, dataset_id, report_id, sha256, filename, kept_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (resource_id, sha256) DO UPDATE SET report_id = excluded.report_id,
           filename = excluded.filename, kept_sha256 = excluded.kept_sha256, refused_at = now()`,
        [
          value.id,
          value.resourceId,
          value.datasetId,
          value.reportId,
          value.sha256,
          value.filename,
          value.keptSha256,
        ],
      );
      // The report of the same file refused before is replaced by the new one.
      for (const { id } of before)
        if (id !== value.reportId) await db.query('DELETE FROM schemas.reports WHERE id = $1', [id]);
    },

    async refused(
      where: { resourceId?: string; datasetId?: string },
      limit: number,
    ): Promise<RefusedVersion[]> {
      const rows = await db.query<Row>(
        `SELECT id, resource_id AS "resourceId", dataset_id AS "datasetId", report_id AS "reportId", sha256, filename,
           kept_sha256 AS "keptSha256", refused_at AS "refusedAt"
         FROM schemas.refused_versions WHERE ${where.resourceId ? 'resource_id' : 'dataset_id'} = $1
         ORDER BY refused_at DESC LIMIT $2`,
        [where.resourceId ?? where.datasetId, limit],
      );
      return rows.map((row) => ({
        ...(row as unknown as RefusedVersion),
        refusedAt: iso(row.refusedAt) as string,
      }));
    },

    async sweep(): Promise<void> {
      await db.query(`DELETE FROM schemas.reports WHERE expires_at IS NOT NULL AND expires_at <= now()`);
    },
  };
}
