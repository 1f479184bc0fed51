import type { Db } from '../../platform/db/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { createEditionRepo, type EditionRow } from './edition.repo.js';
import { nameKey } from './name-key.js';
import { createPersonsRepo } from './persons.repo.js';
import { createRegistryRepo } from './registry.repo.js';
import type { Change, Enterprise, EnterpriseHit } from './registry.types.js';
import { createSearchRepo, type EnterpriseFilters } from './search.repo.js';

export const SEARCH_MAX = 100;
export const CHANGES_MAX = 1000;
const NEQ = /^\d{10}$/;
/** A word held by more names than this tells little: it ranks, it does not select… */
const COMMON_WORD = 20_000;
/** …unless nothing rarer is typed; words like "inc" or "les" never select. */
const FILLER_WORD = 200_000;

/**
 * The words that select candidates: the rare ones (and those no name holds: typos, or the start
 * of a word); at least two when the name has them, the rarest first; never a filler word unless
 * it is all there is.
 */
export function tellingWords(words: string[], counts: Map<string, number>): string[] {
  const byRarity = [...new Set(words)].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
  const kept = byRarity.filter((word) => (counts.get(word) ?? 0) <= COMMON_WORD);
  for (const word of byRarity) {
    if (kept.length >= 2) break;
    if (!kept.includes(word) && (counts.get(word) ?? 0) <= FILLER_WORD) kept.push(word);
  }
  if (kept.length === 0 && byRarity[0]) kept.push(byRarity[0]);
  // In the order typed: the last one typed stays a prefix.
  return words.filter((word, index) => kept.includes(word) && words.indexOf(word) === index);
}

/** Two ranked lists as one, best first, each enterprise once. */
function merge(first: EnterpriseHit[], second: EnterpriseHit[], limit: number): EnterpriseHit[] {
  const seen = new Map<string, EnterpriseHit>();
  for (const hit of [...first, ...second]) {
    const kept = seen.get(hit.neq);
    if (!kept || (hit.score ?? 0) > (kept.score ?? 0)) seen.set(hit.neq, hit);
  }
  return [...seen.values()].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, limit);
}

export interface EnterpriseSearch {
  q: string;
  filters: EnterpriseFilters;
  limit: number;
  offset: number;
  count: boolean;
}

/** An enterprise with its codes' labels (French, as the Registraire publishes them). */
export type LabelledEnterprise = Enterprise & {
  statusLabel: string | null;
  legalFormLabel: string | null;
  employeesLabel: string | null;
};

/** Reading the current edition: an enterprise by NEQ, searches, the change feed. Public data only. */
export function createRegistryService(deps: { db: Db }) {
  const repo = createRegistryRepo(deps.db);
  const search = createSearchRepo(deps.db);
  const editions = createEditionRepo(deps.db);
  const persons = createPersonsRepo(deps.db);
  let labels: { edition: string | null; codes: Map<string, string> } = { edition: null, codes: new Map() };

  async function codes(): Promise<Map<string, string>> {
    const current = await editions.current();
    if (labels.edition !== (current?.id ?? null))
      labels = { edition: current?.id ?? null, codes: await repo.codes() };
    return labels.codes;
  }

  async function labelled<T extends Enterprise>(rows: T[]): Promise<(T & LabelledEnterprise)[]> {
    const table = await codes();
    const label = (domain: string, code: string | null) =>
      code ? (table.get(`${domain}:${code}`) ?? null) : null;
    return rows.map((row) => ({
      ...row,
      statusLabel: label('STAT_IMMAT', row.status),
      legalFormLabel: label('FORME_JURI', row.legalForm),
      employeesLabel: label('INTVAL_EMPLO_QUE', row.employees),
    }));
  }

  /**
   * Name search in stages, each only when the one before found too few: names starting with the
   * words; names holding the telling words (the commonest ones, "inc", "les", are left to the
   * ranking unless nothing else is typed); then with misspelt words corrected.
   */
  async function nameSearch(
    key: string,
    filters: EnterpriseFilters,
    page: { limit: number; offset: number },
  ) {
    const wanted = page.limit + page.offset;
    const byPrefix = await search.byName(key, null, filters, page);
    if (byPrefix.length >= page.limit || (page.offset > 0 && byPrefix.length > 0)) return byPrefix;
    const words = key.split(' ');
    const counts = await search.wordCounts(words);
    const kept = tellingWords(words, counts);
    // Words of letters no name holds (numbers are not in the vocabulary, nor misspelt); one
    // before the last word typed is misspelt: nothing would match it as typed.
    const unknown = kept.filter((word) => !counts.has(word) && /^[a-z]{3,}$/.test(word));
    const misspelt = unknown.some((word) => word !== words[words.length - 1]);
    let hits = misspelt
      ? byPrefix
      : merge(
          byPrefix,
          await search.byName(
            key,
            kept.map((word) => [word]),
            filters,
            page,
          ),
          wanted,
        );
    if (hits.length < page.limit && page.offset === 0 && unknown.length > 0) {
      const corrections = await search.corrections(unknown);
      if (corrections.size > 0) {
        // The name as it was probably meant, first as a start of name (cheap, usually enough)…
        const meant = words.map((word) => corrections.get(word)?.[0] ?? word).join(' ');
        hits = merge(hits, await search.byName(meant, null, filters, page), wanted);
        if (hits.length < page.limit) {
          // …then every spelling of every telling word.
          const spellings = kept.map((word) => [word, ...(corrections.get(word) ?? [])]);
          hits = merge(hits, await search.byName(key, spellings, filters, page), wanted);
        }
      }
    }
    return hits.slice(0, page.limit);
  }

  return {
    currentEdition: (): Promise<EditionRow | null> => editions.current(),

    /** Legal form code → its label (French, as published). */
    async legalForms(): Promise<Map<string, string>> {
      const table = await codes();
      return new Map(
        [...table].flatMap(([key, label]) => (key.startsWith('FORME_JURI:') ? [[key.slice(11), label]] : [])),
      );
    },
    editions: (): Promise<EditionRow[]> => editions.list(),

    async enterprise(neq: string) {
      const row = NEQ.test(neq) ? await repo.enterprise(neq) : null;
      if (!row) {
        throw new NotFoundError(
          'enterprise',
          neq,
          localized(`Aucune entreprise au NEQ ${neq}`, `No enterprise with NEQ ${neq}`),
        );
      }
      const [enterprise] = await labelled([row]);
      const [names, establishments, relations, continuations, history, people] = await Promise.all([
        repo.names(neq),
        repo.establishments(neq),
        repo.relations(neq),
        repo.continuations(neq),
        repo.changes({ after: 0, limit: CHANGES_MAX, neq }),
        persons.ofEnterprise(neq),
      ]);
      return {
        ...(enterprise as LabelledEnterprise),
        names,
        establishments,
        relations,
        continuations,
        history,
        people,
      };
    },

    /** By NEQ when the words are one, by name (current and former) otherwise, or by filters alone. */
    async search(
      request: EnterpriseSearch,
    ): Promise<{ hits: (EnterpriseHit & LabelledEnterprise)[]; total: number | null }> {
      const q = request.q.trim();
      const page = {
        limit: Math.min(Math.max(request.limit, 1), SEARCH_MAX),
        offset: Math.max(request.offset, 0),
      };
      if (NEQ.test(q.replace(/\s/g, ''))) {
        const row = await repo.enterprise(q.replace(/\s/g, ''));
        const hits = row ? [{ ...row, matchedName: row.name, former: false, score: null }] : [];
        return { hits: await labelled(hits), total: hits.length };
      }
      const key = nameKey(q);
      if (q && !key) {
        throw new ValidationError([
          { path: 'q', code: 'invalid', message: localized('aucun mot cherchable', 'no searchable word') },
        ]);
      }
      if (key) {
        const hits = await nameSearch(key, request.filters, page);
        return { hits: await labelled(hits), total: null };
      }
      const hits = await labelled(await search.byFilters(request.filters, page));
      return { hits, total: request.count ? await search.countByFilters(request.filters) : null };
    },

    /** The latest changes, newest first (one kind, or every kind). */
    latestChanges: (limit: number, kind: string | null) =>
      repo.latestChanges(Math.min(Math.max(limit, 1), CHANGES_MAX), kind),

    /** Changes of some enterprises after a position of the feed (alerts to their followers). */
    changesOf: (neqs: readonly string[], after: number, limit: number) =>
      repo.changesOf(
        neqs.filter((neq) => NEQ.test(neq)),
        after,
        Math.min(Math.max(limit, 1), CHANGES_MAX),
      ),
    /** The feed's last position. */
    lastChangeSeq: () => repo.lastChangeSeq(),

    /** The change feed: changes after the cursor (a position), oldest first. */
    async changes(since: string | null, limit: number): Promise<{ changes: Change[]; next: string | null }> {
      const after = since === null || since === '' ? 0 : Number(since);
      if (!Number.isSafeInteger(after) || after < 0) {
        throw new ValidationError([
          { path: 'since', code: 'invalid', message: localized('curseur invalide', 'invalid cursor') },
        ]);
      }
      const size = Math.min(Math.max(limit, 1), CHANGES_MAX);
      const changes = await repo.changes({ after, limit: size });
      const last = changes[changes.length - 1];
      return { changes, next: last ? String(last.seq) : since };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
