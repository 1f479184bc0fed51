import type { Queryable } from '../../../platform/db/index.js';

export interface ConsultationRow {
  id: string;
  name: string;
  title: string;
  description: string;
  opens_at: Date;
  closes_at: Date;
  summary: string | null;
  concluded_at: Date | null;
  created_by: string;
  created: Date;
  /** Comments everyone sees. */
  comments: number;
}

export interface ThemeRow {
  id: string;
  consultation_id: string;
  position: number;
  title: string;
  description: string;
  answer: string | null;
}

const CONSULTATION = `SELECT c.*,
    (SELECT count(*)::int FROM community.posts p
      WHERE p.consultation_id = c.id AND NOT p.held AND p.hidden_reason IS NULL) AS comments
  FROM community.consultations c`;

/** `community.consultations` and their themes (comments are `community.posts`). */
export function createConsultationsRepo(db: Queryable) {
  return {
    async insert(row: {
      id: string;
      name: string;
      title: string;
      description: string;
      opensAt: Date;
      closesAt: Date;
      createdBy: string;
      themes: { id: string; title: string; description: string }[];
    }): Promise<void> {
      await db.query(
        `INSERT INTO community.consultations (id, name, title, description, opens_at, closes_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [row.id, row.name, row.title, row.description, row.opensAt, row.closesAt, row.createdBy],
      );
      await db.query(
        `INSERT INTO community.consultation_themes (id, consultation_id, position, title, description)
         SELECT id, $1, position, title, description
           FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[]) AS t(id, position, title, description)`,
        [
          row.id,
          row.themes.map((theme) => theme.id),
          row.themes.map((_, index) => index + 1),
          row.themes.map((theme) => theme.title),
          row.themes.map((theme) => theme.description),
        ],
      );
    },

    async get(reference: string): Promise<ConsultationRow | null> {
      const byId = /^[0-9a-f-]{36}$/i.test(reference);
      const rows = await db.query<ConsultationRow>(
        `${CONSULTATION} WHERE ${byId ? 'c.id = $1::uuid' : 'c.name = $1'}`,
        [reference],
      );
      return rows[0] ?? null;
    },

    async nameTaken(name: string): Promise<boolean> {
      return (await db.query('SELECT 1 FROM community.consultations WHERE name = $1', [name])).length > 0;
    },

    list(limit: number, offset: number): Promise<ConsultationRow[]> {
      return db.query<ConsultationRow>(`${CONSULTATION} ORDER BY c.opens_at DESC, c.id LIMIT $1 OFFSET $2`, [
        limit,
        offset,
      ]);
    },

    themes(consultationId: string): Promise<ThemeRow[]> {
      return db.query<ThemeRow>(
        'SELECT * FROM community.consultation_themes WHERE consultation_id = $1 ORDER BY position',
        [consultationId],
      );
    },

    /** Ends the comment period now (an administrator closing early). */
    async closeNow(id: string): Promise<void> {
      await db.query(
        `UPDATE community.consultations
            SET closes_at = greatest(now(), opens_at + interval '1 millisecond') WHERE id = $1`,
        [id],
      );
    },

    async conclude(
      id: string,
      summary: string,
      answers: { themeId: string; answer: string }[],
    ): Promise<void> {
      await db.query('UPDATE community.consultations SET summary = $2, concluded_at = now() WHERE id = $1', [
        id,
        summary,
      ]);
      await db.query(
        `UPDATE community.consultation_themes t SET answer = a.answer
           FROM unnest($2::uuid[], $3::text[]) AS a(id, answer)
          WHERE t.id = a.id AND t.consultation_id = $1`,
        [id, answers.map((a) => a.themeId), answers.map((a) => a.answer)],
      );
    },
  };
}
