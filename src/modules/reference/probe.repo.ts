import type { Db } from '../../platform/db/index.js';

export interface ProbeSample {
  set: string;
  minute: Date;
  apiOk: boolean;
  filesOk: boolean;
  apiMs: number | null;
  filesMs: number | null;
}

/** The probes' samples, one per set and minute. */
export function createProbeRepo(db: Db) {
  return {
    async record(sample: ProbeSample): Promise<void> {
      await db.query(
        `INSERT INTO reference.probes (set_id, minute, api_ok, files_ok, api_ms, files_ms)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (set_id, minute) DO NOTHING`,
        [sample.set, sample.minute, sample.apiOk, sample.filesOk, sample.apiMs, sample.filesMs],
      );
    },

    async sampled(set: string, minute: Date): Promise<boolean> {
      const rows = await db.query(`SELECT 1 FROM reference.probes WHERE set_id = $1 AND minute = $2`, [
        set,
        minute,
      ]);
      return rows.length > 0;
    },

    /** The first sample of a set ever (monitoring starts there). */
    async firstMinute(set: string): Promise<Date | null> {
      const rows = await db.query<{ first: Date | string | null }>(
        `SELECT min(minute) AS first FROM reference.probes WHERE set_id = $1`,
        [set],
      );
      return rows[0]?.first ? new Date(rows[0].first) : null;
    },

    /** Per UTC day since `since` (before `until`): samples, and the minutes each part answered. */
    async days(
      set: string,
      since: Date,
      until: Date,
    ): Promise<{ day: string; samples: number; api: number; files: number }[]> {
      return db.query(
        `SELECT to_char(minute AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS samples,
           count(*) FILTER (WHERE api_ok)::int AS api, count(*) FILTER (WHERE files_ok)::int AS files
         FROM reference.probes WHERE set_id = $1 AND minute >= $2 AND minute < $3
         GROUP BY 1 ORDER BY 1`,
        [set, since, until],
      );
    },
  };
}
