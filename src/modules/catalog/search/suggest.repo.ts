import type { Db, Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { type Visibility, visibilitySql } from './visibility.js';

export interface TitleSuggestion {
  name: string;
  title: { fr: string; en: string | null };
  score: number;
}

/**
 * The longest the title lookup may take (on PostgreSQL): it is help shown beside an empty result,
 * and on a large catalogue a text of common trigrams gathers many candidates (40–140 ms at
 * 100,000 datasets); past this bound the page is served without it.
 */
export const SIMILAR_TITLES_TIMEOUT_MS = 60;

/**
 * Datasets whose title resembles the text even with typos ("municipalte" → "Municipalités"),
 * using trigram word similarity on the accent-folded title. Only datasets the caller may see.
 * Nothing when the lookup takes longer than `timeoutMs`.
 */
export async function similarTitles(
  db: Db,
  text: string,
  visibility: Visibility,
  limit: number,
  timeoutMs = SIMILAR_TITLES_TIMEOUT_MS,
): Promise<TitleSuggestion[]> {
  const params = new SqlParams();
  const folded = `quai_fold(${params.add(text)})`;
  const visible = visibilitySql(visibility, params);
  let rows: { name: string; title_fr: string; title_en: string | null; score: number }[];
  try {
    rows = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
      return tx.query<{ name: string; title_fr: string; title_en: string | null; score: number }>(
        `SELECT d.name, d.title_fr, d.title_en, word_similarity(${folded}, d.title_sort) AS score
         FROM catalog.datasets d
         WHERE ${folded} <% d.title_sort AND ${visible}
         ORDER BY score DESC, d.title_sort LIMIT ${params.add(limit)}`,
        params.values,
      );
    });
  } catch (error) {
    // 57014: query_canceled (the statement timeout).
    if ((error as { code?: string }).code === '57014') return [];
    throw error;
  }
  return rows.map((row) => ({
    name: row.name,
    title: { fr: row.title_fr, en: row.title_en },
    score: row.score,
  }));
}

/**
 * For each word, the closest word of public titles and keywords (pg_trgm similarity ≥ 0.3, the
 * `%` operator's threshold, served by the trigram index), or null when the word is known as it is
 * or nothing is close.
 */
export async function closestTerms(db: Queryable, words: readonly string[]): Promise<(string | null)[]> {
  if (words.length === 0) return [];
  const rows = await db.query<{ position: number; best: string | null }>(
    `SELECT q.position::int AS position,
       CASE WHEN EXISTS (SELECT 1 FROM catalog.search_terms t WHERE t.term = quai_fold(q.word)) THEN NULL
       ELSE (SELECT t.word FROM catalog.search_terms t WHERE t.term % quai_fold(q.word)
             ORDER BY similarity(t.term, quai_fold(q.word)) DESC, t.term LIMIT 1) END AS best
     FROM unnest($1::text[]) WITH ORDINALITY AS q(word, position)`,
    [words],
  );
  const best = new Map(rows.map((row) => [row.position, row.best]));
  return words.map((_, index) => best.get(index + 1) ?? null);
}
