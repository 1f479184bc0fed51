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
