import { type Queryable, queryOne } from '../../../platform/db/index.js';
import type { AlertEvent, Follow, FollowKind, Frequency } from './alerts.types.js';

export interface SettingsRow {
  user_id: string;
  frequency: Frequency;
  feed_token: string;
  unsubscribe_token: string;
  last_digest: Date | null;
}

interface EventRow {
  id: string;
  type: string;
  title_fr: string;
  title_en: string;
  url: string;
  occurred: Date;
}

const toEvent = (row: EventRow): AlertEvent => ({
  id: Number(row.id),
  type: row.type,
  title: { fr: row.title_fr, en: row.title_en },
  url: row.url,
  occurred: new Date(row.occurred),
});

const toFollow = (row: {
  id: string;
  kind: FollowKind;
  target: string;
  label: string;
  created: Date;
}): Follow => ({ ...row, created: new Date(row.created) });

/** How long after the last digest the next one is due, per frequency. */
const PACE: Record<'daily' | 'weekly', string> = { daily: '23 hours', weekly: '6 days 23 hours' };

/** `community.follows`, alert settings, events, notifications and feed cursors. */
export function createAlertsRepo(db: Queryable) {
  return {
    async follow(row: { id: string; userId: string; kind: FollowKind; target: string; label: string }) {
      const inserted = await queryOne<Parameters<typeof toFollow>[0]>(
        db,
        `INSERT INTO community.follows (id, user_id, kind, target, label) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, kind, target) DO UPDATE SET label = EXCLUDED.label
         RETURNING id, kind, target, label, created`,
        [row.id, row.userId, row.kind, row.target, row.label],
      );
      if (!inserted) throw new Error('INSERT returned no row');
      return toFollow(inserted);
    },

    async unfollow(userId: string, id: string): Promise<boolean> {
      const rows = await db.query(
        'DELETE FROM community.follows WHERE user_id = $1 AND id = $2 RETURNING id',
        [userId, id],
      );
      return rows.length > 0;
    },

    async follows(userId: string): Promise<Follow[]> {
      const rows = await db.query<Parameters<typeof toFollow>[0]>(
        `SELECT id, kind, target, label, created FROM community.follows WHERE user_id = $1 ORDER BY created DESC, id`,
        [userId],
      );
      return rows.map(toFollow);
    },

    async findFollow(userId: string, kind: FollowKind, target: string): Promise<Follow | null> {
      const row = await queryOne<Parameters<typeof toFollow>[0]>(
        db,
        `SELECT id, kind, target, label, created FROM community.follows WHERE user_id = $1 AND kind = $2 AND target = $3`,
        [userId, kind, target],
      );
      return row ? toFollow(row) : null;
    },

    countFollows: async (userId: string): Promise<number> =>
      Number(
        (
          await db.query<{ n: string }>('SELECT count(*) AS n FROM community.follows WHERE user_id = $1', [
            userId,
          ])
        )[0]?.n ?? 0,
      ),

    /** How many people follow each target (a dataset's page shows it). */
    async followers(kind: FollowKind, target: string): Promise<number> {
      const [row] = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM community.follows WHERE kind = $1 AND target = $2',
        [kind, target],
      );
      return Number(row?.n ?? 0);
    },

    /** The distinct saved searches (each is run against a new dataset). */
    async savedSearches(limit: number): Promise<string[]> {
      const rows = await db.query<{ target: string }>(
        `SELECT DISTINCT target FROM community.follows WHERE kind = 'search' ORDER BY target LIMIT $1`,
        [limit],
      );
      return rows.map((row) => row.target);
    },

    /** Every followed target of a kind (the enterprises whose registry changes matter). */
    async followedTargets(kind: FollowKind, limit: number): Promise<string[]> {
      const rows = await db.query<{ target: string }>(
        'SELECT DISTINCT target FROM community.follows WHERE kind = $1 ORDER BY target LIMIT $2',
        [kind, limit],
      );
      return rows.map((row) => row.target);
    },

    /** The followed targets of a kind among some (which enterprises of a registry edition matter). */
    async followedAmong(kind: FollowKind, targets: readonly string[]): Promise<string[]> {
      if (targets.length === 0) return [];
      const rows = await db.query<{ target: string }>(
        `SELECT DISTINCT target FROM community.follows WHERE kind = $1 AND target = ANY($2::text[])`,
        [kind, targets],
      );
      return rows.map((row) => row.target);
    },

    /** Settings, created with fresh secrets on first use. */
    async settings(userId: string, tokens: { feed: string; unsubscribe: string }): Promise<SettingsRow> {
      await db.query(
        `INSERT INTO community.alert_settings (user_id, feed_token, unsubscribe_token) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO NOTHING`,
        [userId, tokens.feed, tokens.unsubscribe],
      );
      const row = await queryOne<SettingsRow>(
        db,
        'SELECT * FROM community.alert_settings WHERE user_id = $1',
        [userId],
      );
      if (!row) throw new Error('alert settings missing after insert');
      return row;
    },

    async setFrequency(userId: string, frequency: Frequency): Promise<void> {
      await db.query('UPDATE community.alert_settings SET frequency = $2 WHERE user_id = $1', [
        userId,
        frequency,
      ]);
    },

    bySecret(column: 'feed_token' | 'unsubscribe_token', token: string): Promise<SettingsRow | null> {
      return queryOne<SettingsRow>(db, `SELECT * FROM community.alert_settings WHERE ${column} = $1`, [
        token,
      ]);
    },

    async replaceFeedToken(userId: string, token: string): Promise<void> {
      await db.query('UPDATE community.alert_settings SET feed_token = $2 WHERE user_id = $1', [
        userId,
        token,
      ]);
    },

    /** Records an event once (by its source); null when it was recorded already. */
    async recordEvent(event: {
      sourceKey: string;
      type: string;
      subject?: string | null;
      title: { fr: string; en: string };
      url: string;
    }): Promise<number | null> {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO community.events (source_key, type, subject, title_fr, title_en, url) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (source_key) DO NOTHING RETURNING id`,
        [event.sourceKey, event.type, event.subject ?? null, event.title.fr, event.title.en, event.url],
      );
      return row ? Number(row.id) : null;
    },

    /** Takes back every event about a subject (its notifications go with them). */
    async retract(subject: string): Promise<number> {
      const rows = await db.query('DELETE FROM community.events WHERE subject = $1 RETURNING id', [subject]);
      return rows.length;
    },

    /**
     * Fans an event out to everyone following one of the targets, in one statement; the number of
     * people notified. `mailed` marks them as told already (a data request's answer is mailed apart).
     */
    async fanOut(
      eventId: number,
      targets: readonly { kind: FollowKind; target: string }[],
      options: { mailed?: boolean; userIds?: readonly string[] } = {},
    ): Promise<number> {
      const rows = await db.query<{ n: string }>(
        `WITH people AS (
           SELECT user_id FROM community.follows
            WHERE (kind, target) IN (SELECT * FROM unnest($2::text[], $3::text[]))
           UNION SELECT unnest($5::uuid[])
         ), added AS (
           INSERT INTO community.notifications (user_id, event_id, mailed_at)
           SELECT user_id, $1, CASE WHEN $4 THEN now() END FROM people
           ON CONFLICT DO NOTHING RETURNING 1
         ) SELECT count(*) AS n FROM added`,
        [
          eventId,
          targets.map((t) => t.kind),
          targets.map((t) => t.target),
          options.mailed ?? false,
          options.userIds ?? [],
        ],
      );
      return Number(rows[0]?.n ?? 0);
    },

    /** People of a pace with notifications not yet mailed whose digest is due; a batch of them. */
    async due(frequency: Frequency, after: string | null, limit: number): Promise<SettingsRow[]> {
      const pace = frequency === 'daily' || frequency === 'weekly' ? PACE[frequency] : null;
      return db.query<SettingsRow>(
        `SELECT s.* FROM community.alert_settings s
          WHERE s.frequency = $1 AND ($2::uuid IS NULL OR s.user_id > $2::uuid)
            AND ($3::interval IS NULL OR s.last_digest IS NULL OR s.last_digest < now() - $3::interval)
            AND EXISTS (SELECT 1 FROM community.notifications n WHERE n.user_id = s.user_id AND n.mailed_at IS NULL)
          ORDER BY s.user_id LIMIT $4`,
        [frequency, after, pace, limit],
      );
    },

    /** The notifications not yet mailed of some people, oldest first, at most `perPerson` each. */
    async pending(
      userIds: readonly string[],
      perPerson: number,
    ): Promise<{ userId: string; total: number; events: AlertEvent[] }[]> {
      const rows = await db.query<EventRow & { user_id: string; total: string }>(
        `SELECT * FROM (
           SELECT n.user_id, e.*, count(*) OVER (PARTITION BY n.user_id) AS total,
                  row_number() OVER (PARTITION BY n.user_id ORDER BY e.id DESC) AS rank
             FROM community.notifications n JOIN community.events e ON e.id = n.event_id
            WHERE n.user_id = ANY($1::uuid[]) AND n.mailed_at IS NULL
         ) t WHERE rank <= $2 ORDER BY user_id, id`,
        [userIds, perPerson],
      );
      const byUser = new Map<string, { userId: string; total: number; events: AlertEvent[] }>();
      for (const row of rows) {
        const entry = byUser.get(row.user_id) ?? {
          userId: row.user_id,
          total: Number(row.total),
          events: [],
        };
        entry.events.push(toEvent(row));
        byUser.set(row.user_id, entry);
      }
      return [...byUser.values()];
    },

    /** Marks what a digest told (events up to `upTo`) and when. */
    async mailed(userIds: readonly string[], upTo: number): Promise<void> {
      await db.query(
        `UPDATE community.notifications SET mailed_at = now()
          WHERE user_id = ANY($1::uuid[]) AND mailed_at IS NULL AND event_id <= $2`,
        [userIds, upTo],
      );
      await db.query(
        'UPDATE community.alert_settings SET last_digest = now() WHERE user_id = ANY($1::uuid[])',
        [userIds],
      );
    },

    lastEventId: async (): Promise<number> =>
      Number(
        (await db.query<{ id: string | null }>('SELECT max(id) AS id FROM community.events'))[0]?.id ?? 0,
      ),

    /** A person's notifications, newest first (their private feed and the API). */
    async notifications(userId: string, limit: number): Promise<AlertEvent[]> {
      const rows = await db.query<EventRow>(
        `SELECT e.* FROM community.notifications n JOIN community.events e ON e.id = n.event_id
          WHERE n.user_id = $1 ORDER BY e.id DESC LIMIT $2`,
        [userId, limit],
      );
      return rows.map(toEvent);
    },

    async cursor(source: string): Promise<number | null> {
      const [row] = await db.query<{ position: string }>(
        'SELECT position FROM community.cursors WHERE source = $1',
        [source],
      );
      return row ? Number(row.position) : null;
    },

    async setCursor(source: string, position: number): Promise<void> {
      await db.query(
        `INSERT INTO community.cursors (source, position) VALUES ($1, $2)
         ON CONFLICT (source) DO UPDATE SET position = GREATEST(community.cursors.position, EXCLUDED.position)`,
        [source, position],
      );
    },

    /** What an erased account leaves here. */
    async forget(userId: string): Promise<void> {
      await db.query('DELETE FROM community.follows WHERE user_id = $1', [userId]);
      await db.query('DELETE FROM community.notifications WHERE user_id = $1', [userId]);
      await db.query('DELETE FROM community.alert_settings WHERE user_id = $1', [userId]);
    },
  };
}

export type AlertsRepo = ReturnType<typeof createAlertsRepo>;
