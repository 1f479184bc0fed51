import type { EnterpriseSearch } from '../../registry/index.js';
import type { Translate } from '../i18n/messages.js';

export const REGISTRY_PAGE_SIZE = 20;
/** Name search ranks the best matches: pages go this far. */
export const REGISTRY_MAX_PAGES = 5;
export const LEGAL_FORMS = ['CIE', 'IND', 'SENC', 'PMSBL', 'COP', 'APE'];
const STRUCK_OFF = ['RD', 'RO', 'RX'];

export interface RegistrySearchState {
  q: string;
  status: '' | 'registered' | 'struck';
  form: string;
  municipality: string;
  activity: string;
  from: string;
  to: string;
  page: number;
}

type Query = Record<string, string | string[] | undefined>;

export function readRegistryState(query: Query): RegistrySearchState {
  const one = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  const status = one(query.status);
  const page = Number.parseInt(one(query.page), 10);
  return {
    q: one(query.q).slice(0, 200),
    status: status === 'registered' || status === 'struck' ? status : '',
    form: LEGAL_FORMS.includes(one(query.form)) ? one(query.form) : '',
    municipality: one(query.municipality).slice(0, 100),
    activity: one(query.activity).slice(0, 10),
    from: one(query.from).slice(0, 10),
    to: one(query.to).slice(0, 10),
    page: Number.isFinite(page) && page > 1 ? Math.min(page, REGISTRY_MAX_PAGES) : 1,
  };
}

/** The state as a search request; fields that cannot be read are named in `errors`. */
export function toEnterpriseSearch(
  state: RegistrySearchState,
  t: Translate,
): { search: EnterpriseSearch; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = (name: 'from' | 'to') => {
    if (!state[name]) return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(state[name]) || Number.isNaN(Date.parse(state[name]))) {
      errors[name] = t('registryDateInvalid');
      return null;
    }
    return state[name];
  };
  if (state.activity && !/^\d{1,4}$/.test(state.activity)) errors.activity = t('registryActivityInvalid');
  const search: EnterpriseSearch = {
    q: state.q,
    filters: {
      status: state.status === 'registered' ? ['IM'] : state.status === 'struck' ? STRUCK_OFF : [],
      legalForm: state.form ? [state.form] : [],
      municipality: state.municipality || null,
      activity: errors.activity ? null : state.activity || null,
      registeredFrom: date('from'),
      registeredTo: date('to'),
    },
    limit: REGISTRY_PAGE_SIZE,
    offset: (state.page - 1) * REGISTRY_PAGE_SIZE,
    count: !state.q,
  };
  return { search, errors };
}

export function registryQueryString(state: RegistrySearchState, page = state.page): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'status', 'form', 'municipality', 'activity', 'from', 'to'] as const) {
    if (state[key]) params.set(key, state[key]);
  }
  if (page > 1) params.set('page', String(page));
  return params.toString();
}
