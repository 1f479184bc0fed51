import type { Queryable } from '../../platform/db/index.js';
import { SqlParams } from '../../platform/db/sql-params.js';
import type { JsonObject } from './ocds/json.js';
import type { Tender } from './procurement.types.js';
import type { RecordSummary } from './record-summary.js';

export interface ReleaseRow {
  ocid: string;
  releaseId: string;
  date: string;
  releasedAt: string;
  tags: string[];
  body: string;
  digest: string;
}

export interface CompiledRecord {
  ocid: string;
  compiled: JsonObject;
  releaseCount: number;
  releasedAt: string;
  openedAt: string | null;
  summary: RecordSummary;
}

/** Tender search: every filter optional; `openAt` keeps active tenders whose deadline is later. */
export interface TenderFilters {
  q?: string;
  openAt?: string;
  buyerId?: string;
  category?: string;
  method?: string;
  status?: string;
  minValue?: number;
  maxValue?: number;
  /** Tender period starting in this range (publication date). */
  publishedFrom?: string;
  publishedTo?: string;
  /** The order asked for; by default relevance with words, the nearest deadline for open tenders, else the newest. */
  sort?: TenderSort;
}

/** A tender that a release opened (what followers of its buyer or category are told). */
export interface OpenedTender {
  seq: number;
  ocid: string;
  title: string | null;
  titleEn: string | null;
  buyerId: string | null;
  buyerName: string | null;
  category: string | null;
}

export const TENDER_SORTS = ['newest', 'deadline', 'value'] as const;
export type TenderSort = (typeof TENDER_SORTS)[number];

/** A record as tender search lists it: its search columns (a compiled release's summary). */

const TENDER_COLUMNS = `ocid, title, title_en AS "titleEn", buyer_id AS "buyerId", buyer_name AS "buyerName",
  tender_status AS "tenderStatus", procurement_method AS "procurementMethod", main_category AS "mainCategory",
  value_amount::float8 AS "valueAmount", tender_start AS "tenderStart", tender_end AS "tenderEnd", opened_at AS "openedAt"`;

export function createProcurementRepo(db: Queryable) {
  return {
    async digestsOf(keys: readonly { ocid: string; releaseId: string }[]): Promise<Map<string, string>> {
      if (keys.length === 0) return new Map();
      const rows = await db.query<{ ocid: string; release_id: string; digest: string }>(
        `SELECT r.ocid, r.release_id, r.digest FROM procurement.releases r
         JOIN unnest($1::text[], $2::text[]) AS k(ocid, release_id) USING (ocid, release_id)`,
        [keys.map((key) => key.ocid), keys.map((key) => key.releaseId)],
      );
      return new Map(rows.map((row) => [releaseKey(row.ocid, row.release_id), row.digest]));
    },

    async insertReleases(rows: readonly ReleaseRow[]): Promise<void> {
      for (let start = 0; start < rows.length; start += 2000) {
        const batch = rows.slice(start, start + 2000);
        await db.query(
          `INSERT INTO procurement.releases (ocid, release_id, date, released_at, tags, body, digest)
           SELECT ocid, release_id, date, released_at, string_to_array(tags, ' '), body::json, digest
           FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[])
             AS r(ocid, release_id, date, released_at, tags, body, digest)
           ON CONFLICT (ocid, release_id) DO NOTHING`,
          [
            batch.map((row) => row.ocid),
            batch.map((row) => row.releaseId),
            batch.map((row) => row.date),
            batch.map((row) => row.releasedAt),
            batch.map((row) => row.tags.join(' ')),
            batch.map((row) => row.body),
            batch.map((row) => row.digest),
          ],
        );
      }
    },

    /** Every release of these processes, in import order. */
    async releasesOf(ocids: readonly string[]): Promise<Map<string, JsonObject[]>> {
      const byOcid = new Map<string, JsonObject[]>();
      if (ocids.length === 0) return byOcid;
      const rows = await db.query<{ ocid: string; body: string }>(
        `SELECT ocid, body::text AS body FROM procurement.releases WHERE ocid = ANY($1::text[]) ORDER BY seq`,
        [ocids],
      );
      for (const row of rows) {
        const list = byOcid.get(row.ocid) ?? [];
        list.push(JSON.parse(row.body) as JsonObject);
        byOcid.set(row.ocid, list);
      }
      return byOcid;
    },

    async saveRecords(records: readonly CompiledRecord[]): Promise<void> {
      for (let start = 0; start < records.length; start += 1000) {
        const batch = records.slice(start, start + 1000);
        const column = <T>(pick: (record: CompiledRecord) => T) => batch.map(pick);
        await db.query(
          `INSERT INTO procurement.records AS t (ocid, compiled, release_count, released_at, opened_at, title, title_en,
             buyer_id, buyer_name, tender_status, procurement_method, main_category, value_amount, tender_start,
             tender_end, search_vector, compiled_at)
           SELECT ocid, compiled::json, release_count, released_at, opened_at, title, title_en, buyer_id, buyer_name,
             tender_status, procurement_method, main_category, value_amount, tender_start, tender_end,
             setweight(to_tsvector('quai_fr', coalesce(title, '') || ' ' || coalesce(title_en, '')), 'A') ||
             setweight(to_tsvector('quai_fr', search_text), 'B'), now()
           FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[],
             $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::numeric[], $14::timestamptz[],
             $15::timestamptz[], $16::text[])
             AS r(ocid, compiled, release_count, released_at, opened_at, title, title_en, buyer_id, buyer_name,
               tender_status, procurement_method, main_category, value_amount, tender_start, tender_end, search_text)
           ON CONFLICT (ocid) DO UPDATE SET compiled = excluded.compiled, release_count = excluded.release_count,
             released_at = excluded.released_at, opened_at = excluded.opened_at, title = excluded.title,
             title_en = excluded.title_en, buyer_id = excluded.buyer_id, buyer_name = excluded.buyer_name,
             tender_status = excluded.tender_status, procurement_method = excluded.procurement_method,
             main_category = excluded.main_category, value_amount = excluded.value_amount,
             tender_start = excluded.tender_start, tender_end = excluded.tender_end,
             search_vector = excluded.search_vector, compiled_at = excluded.compiled_at`,
          [
            column((r) => r.ocid),
            column((r) => JSON.stringify(r.compiled)),
            column((r) => r.releaseCount),
            column((r) => r.releasedAt),
            column((r) => r.openedAt),
            column((r) => r.summary.title),
            column((r) => r.summary.titleEn),
            column((r) => r.summary.buyerId),
            column((r) => r.summary.buyerName),
            column((r) => r.summary.tenderStatus),
            column((r) => r.summary.procurementMethod),
            column((r) => r.summary.mainCategory),
            column((r) => r.summary.valueAmount),
            column((r) => r.summary.tenderStart),
            column((r) => r.summary.tenderEnd),
            column((r) => r.summary.searchText),
          ],
        );
      }
    },

    /** Releases in import order after `afterSeq`, optionally within [from, to) by release date. */
    async releasePage(options: {
      afterSeq: number;
      limit: number;
      from?: string;
      to?: string;
      ocid?: string;
    }) {
      const params = new SqlParams();
      const where = [`seq > ${params.add(options.afterSeq)}`];
      if (options.from) where.push(`released_at >= ${params.add(options.from)}::timestamptz`);
      if (options.to) where.push(`released_at < ${params.add(options.to)}::timestamptz`);
      if (options.ocid) where.push(`ocid = ${params.add(options.ocid)}`);
      return db.query<{
        seq: string;
        ocid: string;
        releaseId: string;
        date: string;
        tags: string[];
        body: string;
      }>(
        `SELECT seq::text AS seq, ocid, release_id AS "releaseId", date, tags, body::text AS body
         FROM procurement.releases r WHERE ${where.join(' AND ')} ORDER BY r.seq LIMIT ${params.add(options.limit)}`,
        params.values,
      );
    },

    /** The releases of these processes as records link them: id, date and tags, oldest first. */
    async releaseIndex(
      ocids: readonly string[],
    ): Promise<Map<string, { id: string; date: string; tags: string[] }[]>> {
      const rows = await db.query<{ ocid: string; id: string; date: string; tags: string[] }>(
        `SELECT ocid, release_id AS id, date, tags FROM procurement.releases WHERE ocid = ANY($1::text[])
         ORDER BY ocid, date, seq`,
        [ocids],
      );
      const byOcid = new Map<string, { id: string; date: string; tags: string[] }[]>();
      for (const { ocid, ...release } of rows) {
        const list = byOcid.get(ocid) ?? [];
        list.push(release);
        byOcid.set(ocid, list);
      }
      return byOcid;
    },

    async release(ocid: string, releaseId: string): Promise<string | null> {
      const rows = await db.query<{ body: string }>(
        'SELECT body::text AS body FROM procurement.releases WHERE ocid = $1 AND release_id = $2',
        [ocid, releaseId],
      );
      return rows[0]?.body ?? null;
    },

    async record(ocid: string): Promise<{ compiled: string; releasedAt: string } | null> {
      const rows = await db.query<{ compiled: string; releasedAt: string }>(
        `SELECT compiled::text AS compiled, released_at AS "releasedAt" FROM procurement.records WHERE ocid = $1`,
        [ocid],
      );
      return rows[0] ?? null;
    },

    /** Records whose newest release falls in [from, to), after `afterOcid`, by ocid. */
    async recordPage(options: { afterOcid: string; limit: number; from?: string; to?: string }) {
      const params = new SqlParams();
      const where = [`ocid > ${params.add(options.afterOcid)}`];
      if (options.from) where.push(`released_at >= ${params.add(options.from)}::timestamptz`);
      if (options.to) where.push(`released_at < ${params.add(options.to)}::timestamptz`);
      return db.query<{ ocid: string; compiled: string }>(
        `SELECT ocid, compiled::text AS compiled FROM procurement.records WHERE ${where.join(' AND ')}
         ORDER BY ocid LIMIT ${params.add(options.limit)}`,
        params.values,
      );
    },

    /** Records of the processes that had a release in [from, to), by ocid, after `afterOcid`. */
    async recordsTouchedIn(options: { from: string; to: string; afterOcid: string; limit: number }) {
      return db.query<{ ocid: string; compiled: string }>(
        `SELECT r.ocid, r.compiled::text AS compiled FROM procurement.records r
         WHERE r.ocid > $3 AND r.ocid IN (
           SELECT ocid FROM procurement.releases WHERE released_at >= $1::timestamptz AND released_at < $2::timestamptz)
         ORDER BY r.ocid LIMIT $4`,
        [options.from, options.to, options.afterOcid, options.limit],
      );
    },

    async searchTenders(filters: TenderFilters, page: { limit: number; offset: number }) {
      const params = new SqlParams();
      const where: string[] = [];
      const words = filters.q ? `websearch_to_tsquery('quai_fr', ${params.add(filters.q)})` : null;
      if (words) where.push(`search_vector @@ ${words}`);
      if (filters.openAt) {
        where.push(`tender_status = 'active' AND tender_end > ${params.add(filters.openAt)}::timestamptz`);
      }
      if (filters.status) where.push(`tender_status = ${params.add(filters.status)}`);
      if (filters.buyerId) where.push(`buyer_id = ${params.add(filters.buyerId)}`);
      if (filters.category) where.push(`main_category = ${params.add(filters.category)}`);
      if (filters.method) where.push(`procurement_method = ${params.add(filters.method)}`);
      if (filters.minValue !== undefined) where.push(`value_amount >= ${params.add(filters.minValue)}`);
      if (filters.maxValue !== undefined) where.push(`value_amount <= ${params.add(filters.maxValue)}`);
      if (filters.publishedFrom)
        where.push(`tender_start >= ${params.add(filters.publishedFrom)}::timestamptz`);
      if (filters.publishedTo) where.push(`tender_start < ${params.add(filters.publishedTo)}::timestamptz`);
      const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const sorts: Record<TenderSort, string> = {
        newest: 'opened_at DESC NULLS LAST, ocid',
        deadline: 'tender_end ASC NULLS LAST, ocid',
        value: 'value_amount DESC NULLS LAST, ocid',
      };
      const order = filters.sort
        ? sorts[filters.sort]
        : words
          ? `ts_rank(search_vector, ${words}) DESC, opened_at DESC NULLS LAST, ocid`
          : filters.openAt
            ? sorts.deadline
            : sorts.newest;
      const [count] = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM procurement.records ${condition}`,
        params.values,
      );
      const rows = await db.query<Tender>(
        `SELECT ${TENDER_COLUMNS} FROM procurement.records ${condition} ORDER BY ${order}
         LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
        params.values,
      );
      return { count: count?.count ?? 0, rows };
    },

    /** Tenders opened by releases imported after a position of the release log, in its order. */
    async tendersOpenedAfter(after: number, limit: number): Promise<OpenedTender[]> {
      return db.query<OpenedTender>(
        `SELECT r.seq::float8 AS seq, r.ocid, rec.title, rec.title_en AS "titleEn", rec.buyer_id AS "buyerId",
                rec.buyer_name AS "buyerName", rec.main_category AS category
           FROM procurement.releases r JOIN procurement.records rec ON rec.ocid = r.ocid
          WHERE r.seq > $1 AND 'tender' = ANY(r.tags) ORDER BY r.seq LIMIT $2`,
        [after, limit],
      );
    },

    lastReleaseSeq: async (): Promise<number> =>
      Number(
        (await db.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM procurement.releases'))[0]
          ?.seq ?? 0,
      ),

    async buyers(): Promise<{ id: string; name: string; count: number }[]> {
      return db.query(
        `SELECT buyer_id AS id, min(buyer_name) AS name, count(*)::int AS count FROM procurement.records
         WHERE buyer_id IS NOT NULL GROUP BY buyer_id ORDER BY min(buyer_name)`,
      );
    },

    /** Months ('2026-03') or ISO weeks ('2026-W09') that hold releases, with their counts. */
    async periods(kind: 'month' | 'week'): Promise<{ period: string; count: number; lastSeq: string }[]> {
      const format = kind === 'month' ? "'YYYY-MM'" : `'IYYY-"W"IW'`;
      return db.query(
        `SELECT to_char(released_at AT TIME ZONE 'America/Toronto', ${format}) AS period, count(*)::int AS count,
           max(seq)::text AS "lastSeq"
         FROM procurement.releases GROUP BY 1 ORDER BY 1`,
      );
    },

    async counts(): Promise<{ releases: number; records: number }> {
      const [row] = await db.query<{ releases: number; records: number }>(
        `SELECT (SELECT count(*)::int FROM procurement.releases) AS releases,
                (SELECT count(*)::int FROM procurement.records) AS records`,
      );
      return row ?? { releases: 0, records: 0 };
    },
  };
}

export type ProcurementRepo = ReturnType<typeof createProcurementRepo>;

export function releaseKey(ocid: string, releaseId: string): string {
  return `${ocid}\u0000${releaseId}`;
}
