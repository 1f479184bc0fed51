import type { Queryable } from '../../../platform/db/index.js';
import { containsPattern, SqlParams } from '../../../platform/db/sql-params.js';

/** The resource fields resource_search may match on (CKAN's resource columns), as SQL over `r`. */
export const RESOURCE_SEARCH_FIELDS = {
  name: "coalesce(r.name_fr, '') || ' ' || coalesce(r.name_en, '')",
  description: "coalesce(r.description_fr, '') || ' ' || coalesce(r.description_en, '')",
  format: "coalesce(r.format, '')",
  url: "coalesce(r.url, r.filename, '')",
  mimetype: "coalesce(r.mimetype, '')",
  resource_type: "coalesce(r.resource_type, '')",
  hash: "coalesce(r.blob_sha256, '')",
  id: 'r.id::text',
  package_id: 'r.dataset_id::text',
} as const;
export type ResourceSearchField = keyof typeof RESOURCE_SEARCH_FIELDS;

const PUBLIC = "d.state = 'active' AND NOT d.private";

/** Look-ups over public datasets: autocompletes, formats in use, resource search, purge. */
export function createLookupRepo(db: Queryable) {
  return {
    /** Public datasets whose name or title contains the text (accents and case ignored), by name. */
    async datasetsLike(text: string, limit: number) {
      return db.query<{ name: string; title_fr: string; title_en: string | null }>(
        `SELECT d.name, d.title_fr, d.title_en FROM catalog.datasets d
         WHERE ${PUBLIC} AND (d.name ILIKE $1 OR quai_fold(d.title_fr) LIKE quai_fold($1)
           OR quai_fold(coalesce(d.title_en, '')) LIKE quai_fold($1))
         ORDER BY d.name LIMIT $2`,
        [containsPattern(text), limit],
      );
    },

    /** Formats of public resources that contain the text, most used first, in lower case. */
    async formatsLike(text: string, limit: number): Promise<string[]> {
      const rows = await db.query<{ format: string }>(
        `SELECT lower(r.format) AS format FROM catalog.resources r JOIN catalog.datasets d ON d.id = r.dataset_id
         WHERE ${PUBLIC} AND r.state = 'active' AND r.format ILIKE $1
         GROUP BY lower(r.format) ORDER BY count(*) DESC, lower(r.format) LIMIT $2`,
        [containsPattern(text), limit],
      );
      return rows.map((row) => row.format);
    },

    /** Public resources whose fields contain every term given (CKAN's resource_search), and how many. */
    async searchResources(
      terms: { field: ResourceSearchField; text: string }[],
      page: { orderBy: ResourceSearchField | null; limit: number | null; offset: number },
    ): Promise<{ count: number; rows: { id: string; datasetId: string }[] }> {
      const params = new SqlParams();
      const where = [PUBLIC, "r.state = 'active'"];
      for (const term of terms) {
        const column = RESOURCE_SEARCH_FIELDS[term.field];
        where.push(
          term.field === 'hash'
            ? `${column} = ${params.add(term.text.toLowerCase())}`
            : `${column} ILIKE ${params.add(containsPattern(term.text))}`,
        );
      }
      const from = `FROM catalog.resources r JOIN catalog.datasets d ON d.id = r.dataset_id WHERE ${where.join(' AND ')}`;
      const [counted] = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count ${from}`,
        params.values,
      );
      const order = page.orderBy ? `${RESOURCE_SEARCH_FIELDS[page.orderBy]}, r.id` : 'r.id';
      const rows = await db.query<{ id: string; datasetId: string }>(
        `SELECT r.id, r.dataset_id AS "datasetId" ${from} ORDER BY ${order}
         LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
        params.values,
      );
      return { count: counted?.count ?? 0, rows };
    },

    /** Removes a dataset for good: its resources, its page views and its activity. Returns its files. */
    async purge(datasetId: string): Promise<string[]> {
      const files = await db.query<{ sha256: string }>(
        `SELECT blob_sha256 AS sha256 FROM catalog.resources WHERE dataset_id = $1 AND blob_sha256 IS NOT NULL
         UNION SELECT v.blob_sha256 FROM catalog.resource_versions v JOIN catalog.resources r ON r.id = v.resource_id
         WHERE r.dataset_id = $1 AND v.blob_sha256 IS NOT NULL`,
        [datasetId],
      );
      await db.query('DELETE FROM catalog.resources WHERE dataset_id = $1', [datasetId]);
      await db.query("DELETE FROM catalog.activities WHERE object_type = 'package' AND object_id = $1", [
        datasetId,
      ]);
      await db.query('DELETE FROM catalog.datasets WHERE id = $1', [datasetId]);
      return files.map((row) => row.sha256);
    },
  };
}
