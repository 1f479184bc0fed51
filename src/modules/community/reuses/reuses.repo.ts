import { type Queryable, queryOne } from '../../../platform/db/index.js';
import type { CallKind, ReuseState, ReuseType } from './reuses.types.js';

export interface ReuseRow {
  id: string;
  name: string;
  title: string;
  description: string;
  type: ReuseType;
  url: string;
  image_sha256: string | null;
  author_id: string;
  topics: string[];
  call_id: string | null;
  state: ReuseState;
  moderation_reason: string | null;
  created: Date;
  published_at: Date | null;
  dataset_ids: string[];
}

export interface CallRow {
  id: string;
  name: string;
  kind: CallKind;
  title: string;
  description: string;
  participation: string;
  starts_on: string;
  ends_on: string;
  datasets: string[];
  reuse_count: number;
}

const REUSE = `SELECT r.*, coalesce((SELECT array_agg(d.dataset_id) FROM community.reuse_datasets d WHERE d.reuse_id = r.id), '{}') AS dataset_ids
  FROM community.reuses r`;
const CALL = `SELECT c.id, c.name, c.kind, c.title, c.description, c.participation, c.starts_on::text AS starts_on,
    c.ends_on::text AS ends_on, c.datasets,
    (SELECT count(*)::int FROM community.reuses r WHERE r.call_id = c.id AND r.state = 'published') AS reuse_count
  FROM community.calls c`;

export interface ReuseFilters {
  /** Only these states (the public sees published ones). */
  states: ReuseState[];
  /** Or this author's own, whatever their state. */
  authorId: string | null;
  type: ReuseType | null;
  topic: string | null;
  datasetId: string | null;
  callId: string | null;
  limit: number;
  offset: number;
}

/** `community.reuses`, the datasets they use, and calls for projects. */
export function createReusesRepo(db: Queryable) {
  return {
    async insert(row: {
      id: string;
      name: string;
      title: string;
      description: string;
      type: ReuseType;
      url: string;
      authorId: string;
      topics: string[];
      callId: string | null;
      state: ReuseState;
      datasetIds: string[];
    }): Promise<void> {
      await db.query(
        `INSERT INTO community.reuses (id, name, title, description, type, url, author_id, topics, call_id, state, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $10 = 'published' THEN now() END)`,
        [
          row.id,
          row.name,
          row.title,
          row.description,
          row.type,
          row.url,
          row.authorId,
          row.topics,
          row.callId,
          row.state,
        ],
      );
      await db.query(
        `INSERT INTO community.reuse_datasets (reuse_id, dataset_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [row.id, row.datasetIds],
      );
    },

    /** New fields and datasets for a reuse (its name stays); a state back to pending loses its reason. */
    async update(
      id: string,
      row: {
        title: string;
        description: string;
        type: ReuseType;
        url: string;
        topics: string[];
        callId: string | null;
        state: ReuseState;
        datasetIds: string[];
      },
    ): Promise<void> {
      await db.query(
        `UPDATE community.reuses SET title = $2, description = $3, type = $4, url = $5, topics = $6, call_id = $7,
            moderation_reason = CASE WHEN $8 = state THEN moderation_reason END,
            published_at = CASE WHEN $8 = 'published' THEN coalesce(published_at, now()) END,
            state = $8
          WHERE id = $1`,
        [id, row.title, row.description, row.type, row.url, row.topics, row.callId, row.state],
      );
      await db.query('DELETE FROM community.reuse_datasets WHERE reuse_id = $1', [id]);
      await db.query(
        `INSERT INTO community.reuse_datasets (reuse_id, dataset_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [id, row.datasetIds],
      );
    },

    nameTaken: async (name: string): Promise<boolean> =>
      (await db.query('SELECT 1 FROM community.reuses WHERE name = $1', [name])).length > 0,

    get: (reference: string): Promise<ReuseRow | null> =>
      queryOne<ReuseRow>(
        db,
        /^[0-9a-f-]{36}$/i.test(reference) ? `${REUSE} WHERE r.id = $1::uuid` : `${REUSE} WHERE r.name = $1`,
        [reference],
      ),

    async list(filters: ReuseFilters): Promise<{ rows: ReuseRow[]; total: number }> {
      const where = `(r.state = ANY($1::text[]) OR r.author_id = $2::uuid)
        AND ($3::text IS NULL OR r.type = $3) AND ($4::text IS NULL OR $4 = ANY(r.topics))
        AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM community.reuse_datasets d WHERE d.reuse_id = r.id AND d.dataset_id = $5::uuid))
        AND ($6::uuid IS NULL OR r.call_id = $6::uuid)`;
      const params = [
        filters.states,
        filters.authorId,
        filters.type,
        filters.topic,
        filters.datasetId,
        filters.callId,
      ];
      const [rows, counted] = await Promise.all([
        db.query<ReuseRow>(
          `${REUSE} WHERE ${where} ORDER BY coalesce(r.published_at, r.created) DESC, r.id LIMIT $7 OFFSET $8`,
          [...params, filters.limit, filters.offset],
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM community.reuses r WHERE ${where}`, params),
      ]);
      return { rows, total: counted[0]?.n ?? 0 };
    },

    /** Published reuses of a dataset, how many. */
    async countForDataset(datasetId: string): Promise<number> {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM community.reuse_datasets d JOIN community.reuses r ON r.id = d.reuse_id
          WHERE d.dataset_id = $1 AND r.state = 'published'`,
        [datasetId],
      );
      return row?.n ?? 0;
    },

    async topics(): Promise<{ topic: string; count: number }[]> {
      return db.query(
        `SELECT topic, count(*)::int AS count FROM community.reuses, unnest(topics) AS topic
          WHERE state = 'published' GROUP BY topic ORDER BY count(*) DESC, topic LIMIT 50`,
      );
    },

    async moderate(id: string, state: 'published' | 'refused', reason: string | null): Promise<void> {
      await db.query(
        `UPDATE community.reuses SET state = $2, moderation_reason = $3,
                published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now()) ELSE NULL END
          WHERE id = $1`,
        [id, state, reason],
      );
    },

    async setImage(id: string, sha256: string): Promise<void> {
      await db.query('UPDATE community.reuses SET image_sha256 = $2 WHERE id = $1', [id, sha256]);
    },

    async insertCall(row: {
      id: string;
      name: string;
      kind: CallKind;
      title: string;
      description: string;
      participation: string;
      startsOn: string;
      endsOn: string;
      datasetIds: string[];
    }): Promise<void> {
      await db.query(
        `INSERT INTO community.calls (id, name, kind, title, description, participation, starts_on, ends_on, datasets)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date, $9::uuid[])`,
        [
          row.id,
          row.name,
          row.kind,
          row.title,
          row.description,
          row.participation,
          row.startsOn,
          row.endsOn,
          row.datasetIds,
        ],
      );
    },

    getCall: (reference: string): Promise<CallRow | null> =>
      queryOne<CallRow>(
        db,
        /^[0-9a-f-]{36}$/i.test(reference) ? `${CALL} WHERE c.id = $1::uuid` : `${CALL} WHERE c.name = $1`,
        [reference],
      ),

    callsByIds: (ids: readonly string[]): Promise<CallRow[]> =>
      ids.length === 0
        ? Promise.resolve([])
        : db.query<CallRow>(`${CALL} WHERE c.id = ANY($1::uuid[])`, [ids]),

    listCalls: (): Promise<CallRow[]> => db.query<CallRow>(`${CALL} ORDER BY c.ends_on DESC, c.name`),

    /** An erased account's reuses go with it. */
    async forgetAuthor(userId: string): Promise<void> {
      await db.query('DELETE FROM community.reuses WHERE author_id = $1', [userId]);
    },
  };
}

export type ReusesRepo = ReturnType<typeof createReusesRepo>;
