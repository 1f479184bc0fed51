import { TENDER_SORTS, type TenderFilters, type TenderSort } from '../../procurement/index.js';
import type { Translate } from '../i18n/messages.js';

/** The tender search page's state: all of it in the URL, so every search can be shared. */
export interface TenderSearchState {
  q: string;
  status: 'open' | 'all';
  buyer: string;
  category: string;
  method: string;
  min: string;
  max: string;
  from: string;
  to: string;
  /** Empty: the default order (relevance with words, nearest deadline for open tenders, newest). */
  sort: TenderSort | '';
  page: number;
}

export const TENDER_PAGE_SIZE = 20;
export const CATEGORIES = ['goods', 'services', 'works'] as const;
export const METHODS = ['open', 'selective', 'limited', 'direct'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Query = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

export function readTenderState(query: Query): TenderSearchState {
  const page = Number.parseInt(one(query.page), 10);
  const category = one(query.category);
  const method = one(query.method);
  const sort = one(query.sort);
  return {
    q: one(query.q).slice(0, 500),
    status: one(query.status) === 'all' ? 'all' : 'open',
    buyer: one(query.buyer),
    category: (CATEGORIES as readonly string[]).includes(category) ? category : '',
    method: (METHODS as readonly string[]).includes(method) ? method : '',
    min: one(query.min),
    max: one(query.max),
    from: one(query.from),
    to: one(query.to),
    sort: (TENDER_SORTS as readonly string[]).includes(sort) ? (sort as TenderSort) : '',
    page: Number.isFinite(page) && page > 1 ? Math.min(page, 10_000) : 1,
  };
}

export function tenderQueryString(state: TenderSearchState, page = state.page): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.status === 'all') params.set('status', 'all');
  for (const key of ['buyer', 'category', 'method', 'min', 'max', 'from', 'to', 'sort'] as const) {
    if (state[key]) params.set(key, state[key]);
  }
  if (page > 1) params.set('page', String(page));
  return params.toString();
}

/** The filters the state asks for, and a message for each field that cannot be read. */
export function toTenderFilters(
  state: TenderSearchState,
  t: Translate,
  now: Date,
): { filters: TenderFilters; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const amount = (name: 'min' | 'max') => {
    if (!state[name]) return undefined;
    const value = Number(state[name].replace(/[\s\u00a0$]/g, '').replace(',', '.'));
    if (Number.isFinite(value) && value >= 0) return value;
    errors[name] = t('invalidAmount');
    return undefined;
  };
  const date = (name: 'from' | 'to') => {
    if (!state[name]) return undefined;
    if (DATE.test(state[name]) && !Number.isNaN(Date.parse(state[name])))
      return `${state[name]}T00:00:00-05:00`;
    errors[name] = t('invalidDate');
    return undefined;
  };
  const filters: TenderFilters = {
    q: state.q || undefined,
    openAt: state.status === 'open' ? now.toISOString() : undefined,
    buyerId: state.buyer || undefined,
    category: state.category || undefined,
    method: state.method || undefined,
    minValue: amount('min'),
    maxValue: amount('max'),
    publishedFrom: date('from'),
    publishedTo: date('to'),
    sort: state.sort || undefined,
  };
  return { filters, errors };
}
