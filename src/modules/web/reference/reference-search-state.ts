import type { SetDefinition } from '../../reference/index.js';

export const REFERENCE_PAGE_SIZE = 25;
/** The external set (the registry) answers its best matches only: one page of them. */
export const EXTERNAL_PAGE_SIZE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A set page's search: all of it in the URL, so that every search can be shared. */
export interface ReferenceSearchState {
  q: string;
  /** '' lists every code, retired ones included; 'current' only the codes in use. */
  status: '' | 'current';
  /** Declared filterable attributes only, by name. */
  filters: Record<string, string>;
  page: number;
}

type Query = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

export function readReferenceState(query: Query, set: SetDefinition): ReferenceSearchState {
  const page = Number.parseInt(one(query.page), 10);
  const filters: Record<string, string> = {};
  for (const attribute of set.attributes.filter((a) => a.filterable)) {
    const value = one(query[attribute.name]).slice(0, 100);
    if (value) filters[attribute.name] = value;
  }
  return {
    q: one(query.q).slice(0, 200),
    status: one(query.status) === 'current' ? 'current' : '',
    filters,
    page: Number.isFinite(page) && page > 1 ? Math.min(page, 10_000) : 1,
  };
}

export function referenceQueryString(state: ReferenceSearchState, page = state.page): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.status) params.set('status', state.status);
  for (const [name, value] of Object.entries(state.filters)) params.set(name, value);
  if (page > 1) params.set('page', String(page));
  return params.toString();
}

/** `q` as a code of the set, when it has the shape of one ("46030", "ca" → "CA"); else null. */
export function codeIn(set: SetDefinition, q: string): string | null {
  const pattern = new RegExp(set.scheme.pattern);
  for (const candidate of [q, q.toUpperCase()]) if (pattern.test(candidate)) return candidate;
  return null;
}

/** A day as the forms take it (YYYY-MM-DD, a real date), or null. */
export function readDay(value: string): string | null {
  if (!DATE.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : value;
}
