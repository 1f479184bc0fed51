import type { Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { type Visibility, visibilitySql } from './visibility.js';

export interface TitleSuggestion {
  name: string;
  title: { fr: string; en: string | null };
  score: number;
}

/**
 * Datasets whose title resembles the text even with typos ("municipalte" → "Municipalités"),
 * using trigram word similarity on the accent-folded title. Only datasets the caller may see.
 */
export async function similarTitles(
  db: Queryable,
  text: string,
  visibility: Visibility,
  limit: number,
): Promise<TitleSuggestion[]> {
  const params = new SqlParams();
  const folded = `quai_fold(${params.add(text)})`;
  const visible = visibilitySql(visibility, params);
  const rows = await db.query<{ name: string; title_fr: string; title_en: string | null; score: number }>(
    `SELECT d.name, d.title_fr, d.title_en, word_similarity(${folded}, d.title_sort) AS score
     FROM catalog.datasets d
     WHERE ${folded} <% d.title_sort AND ${visible}
     ORDER BY score DESC, d.title_sort LIMIT ${params.add(limit)}`,
    params.values,
  );
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
