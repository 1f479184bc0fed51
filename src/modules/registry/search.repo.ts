import type { Queryable } from '../../platform/db/index.js';
import { ENTERPRISE_COLUMNS } from './registry.repo.js';
import type { EnterpriseHit } from './registry.types.js';

export interface EnterpriseFilters {
  status: string[];
  legalForm: string[];
  municipality: string | null;
  /** A CAE code or its first digits. */
  activity: string | null;
  registeredFrom: string | null;
  registeredTo: string | null;
}

/** Name matches considered per stage, before the filters and the ranking. */
const CANDIDATES = 300;

function filterClause(filters: EnterpriseFilters, params: unknown[]): string {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (filters.status.length > 0) conditions.push(`e.status = ANY(${add(filters.status)}::text[])`);
  if (filters.legalForm.length > 0) conditions.push(`e.legal_form = ANY(${add(filters.legalForm)}::text[])`);
  if (filters.municipality) conditions.push(`e.municipality = ${add(filters.municipality)}`);
  if (filters.activity) conditions.push(`e.activity_code LIKE ${add(filters.activity)} || '%'`);
  if (filters.registeredFrom) conditions.push(`e.registered_on >= ${add(filters.registeredFrom)}::date`);
  if (filters.registeredTo) conditions.push(`e.registered_on <= ${add(filters.registeredTo)}::date`);
  return conditions.length > 0 ? `AND ${conditions.join(' AND ')}` : '';
}

/**
 * Search over every name (current and former), folded (accents, case, punctuation), in stages
 * the service runs until it has enough: names that start with the words typed; names holding the
 * telling words (the last one as a prefix); the same with misspelt words corrected. Each stage
 * reads at most a few hundred names through an index; the best name of an enterprise ranks it.
 */
export function createSearchRepo(db: Queryable) {
  return {
    /**
     * Names that start with the words typed (`words` null), or that hold every word of `words`
     * (for each word, the spellings to accept, the word typed first; the last one as a prefix).
     */
    async byName(
      key: string,
      words: string[][] | null,
      filters: EnterpriseFilters,
      page: { limit: number; offset: number },
    ): Promise<EnterpriseHit[]> {
      const tsquery = (words ?? [])
        .map((spellings, index, all) => {
          const last = index === all.length - 1;
          const terms = spellings.map((word, which) => (last && which === 0 ? `${word}:*` : word));
          return terms.length > 1 ? `(${terms.join(' | ')})` : (terms[0] ?? '');
        })
        .join(' & ');
      const params: unknown[] = [key, tsquery];
      const where = filterClause(filters, params);
      params.push(page.limit, page.offset);
      const limit = `$${params.length - 1}`;
      const offset = `$${params.length}`;
      const candidates = words
        ? `SELECT neq, name, name_key, end_on, 1.0 AS stage FROM registry.names
             WHERE to_tsvector('simple', name_key) @@ to_tsquery('simple', $2) LIMIT ${CANDIDATES}`
        : `SELECT neq, name, name_key, end_on, 2.0 AS stage FROM registry.names
             WHERE name_key LIKE $1 || '%' AND $2 = '' LIMIT ${CANDIDATES}`;
      return db.query<EnterpriseHit>(
        `WITH candidates AS (${candidates}), scored AS (
           SELECT DISTINCT ON (neq) neq, name AS matched_name, end_on IS NOT NULL AS former,
             stage + (CASE WHEN name_key = $1 THEN 1 ELSE 0 END) + word_similarity($1, name_key)
               - (CASE WHEN end_on IS NOT NULL THEN 0.25 ELSE 0 END) AS score
           FROM candidates ORDER BY neq, score DESC
         )
         SELECT ${ENTERPRISE_COLUMNS}, s.matched_name AS "matchedName", s.former, s.score::float8 AS score
           FROM scored s JOIN registry.enterprises e ON e.neq = s.neq
          WHERE true ${where}
          ORDER BY s.score DESC, e.name, e.neq LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
    },

    /** How many names hold each word (words no name holds are left out). */
    async wordCounts(words: string[]): Promise<Map<string, number>> {
      const rows = await db.query<{ word: string; names: number }>(
        'SELECT word, names FROM registry.words WHERE word = ANY($1::text[])',
        [words],
      );
      return new Map(rows.map((row) => [row.word, row.names]));
    },

    /**
     * Words of the names a few letters away from each word given (words no name holds):
     * trigram distance on the vocabulary, a small table; a typo's likely meanings.
     */
    async corrections(words: string[]): Promise<Map<string, string[]>> {
      const found = new Map<string, string[]>();
      for (const word of words) {
        if (word.length < 3) continue;
        const rows = await db.query<{ word: string }>(
          'SELECT word FROM registry.words WHERE word % $1 ORDER BY word <-> $1 LIMIT 3',
          [word],
        );
        if (rows.length > 0)
          found.set(
            word,
            rows.map((row) => row.word),
          );
      }
      return found;
    },

    /** Enterprises by their filters only, in name order (no name given). */
    async byFilters(
      filters: EnterpriseFilters,
      page: { limit: number; offset: number },
    ): Promise<EnterpriseHit[]> {
      const params: unknown[] = [];
      const where = filterClause(filters, params);
      params.push(page.limit, page.offset);
      return db.query<EnterpriseHit>(
        `SELECT ${ENTERPRISE_COLUMNS}, NULL AS "matchedName", false AS former, NULL AS score
           FROM registry.enterprises e WHERE true ${where}
          ORDER BY e.name, e.neq LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
    },

    async countByFilters(filters: EnterpriseFilters): Promise<number> {
      const params: unknown[] = [];
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::float8 AS n FROM registry.enterprises e WHERE true ${filterClause(filters, params)}`,
        params,
      );
      return rows[0]?.n ?? 0;
    },
  };
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;
