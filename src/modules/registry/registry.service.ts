import type { Db } from '../../platform/db/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { createEditionRepo, type EditionRow } from './edition.repo.js';
import { nameKey } from './name-key.js';
import { createPersonsRepo } from './persons.repo.js';
import { type ChangeRow, createRegistryRepo, type EnterpriseRow } from './registry.repo.js';
import { createSearchRepo, type EnterpriseFilters, type SearchHit } from './search.repo.js';

export const SEARCH_MAX = 100;
export const CHANGES_MAX = 1000;
const NEQ = /^\d{10}$/;

export interface EnterpriseSearch {
  q: string;
  filters: EnterpriseFilters;
  limit: number;
  offset: number;
  count: boolean;
}

/** An enterprise with its codes' labels (French, as the Registraire publishes them). */
export type LabelledEnterprise = EnterpriseRow & {
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

  async function labelled<T extends EnterpriseRow>(rows: T[]): Promise<(T & LabelledEnterprise)[]> {
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
    ): Promise<{ hits: (SearchHit & LabelledEnterprise)[]; total: number | null }> {
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
        const words = key.split(' ');
        let hits = await search.byName(
          key,
          words.map((word) => [word]),
          request.filters,
          page,
        );
        if (hits.length < page.limit && page.offset === 0) {
          // Too few: the words that are nobody's are perhaps misspelt; their likely spellings too.
          const corrections = await search.corrections(words);
          if (corrections.size > 0) {
            hits = await search.byName(
              key,
              words.map((word) => [word, ...(corrections.get(word) ?? [])]),
              request.filters,
              page,
            );
          }
        }
        return { hits: await labelled(hits), total: null };
      }
      const hits = await labelled(await search.byFilters(request.filters, page));
      return { hits, total: request.count ? await search.countByFilters(request.filters) : null };
    },

    /** The change feed: changes after the cursor (a position), oldest first. */
    async changes(
      since: string | null,
      limit: number,
    ): Promise<{ changes: ChangeRow[]; next: string | null }> {
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
