import { NotFoundError } from '../../../platform/http/errors.js';
import type {
  AttributeDefinition,
  EntityView,
  ReferenceService,
  SetDefinition,
  Version,
} from '../../reference/index.js';
import type { Choice } from '../ui/form-fields.js';
import type { LinkedNames } from './reference-parts.js';
import {
  codeIn,
  EXTERNAL_PAGE_SIZE,
  REFERENCE_PAGE_SIZE,
  type ReferenceSearchState,
} from './reference-search-state.js';

/** Enough for every code of any set kept here (a few thousand): the lists are in memory. */
const EVERY = 100_000;
/** Up to this many distinct values, a filter without names of its own is a list to choose from. */
const SELECT_LIMIT = 30;
/** The attributes a results table shows at most, besides code, name and status. */
const MAIN_ATTRIBUTES = 4;

export interface FilterView {
  attribute: AttributeDefinition;
  /** A list to choose from, or null: a text field for an exact value. */
  choices: Choice[] | null;
  example: string;
}

export interface SetPageView {
  set: SetDefinition;
  versions: Version[];
  current: Version | null;
  state: ReferenceSearchState;
  filters: FilterView[];
  /** The attributes the results table shows. */
  columns: AttributeDefinition[];
  /** Attributes with a `missing` text that some codes lack: said once, as notes. */
  notes: AttributeDefinition[];
  /** Null before the external set is asked anything. */
  results: { entities: EntityView[]; total: number } | null;
  names: LinkedNames;
}

const isAbsent = (value: unknown) => value === null || value === undefined || value === '';

/** The codes of a set (retired ones too), by code; an empty map for a set without a version. */
async function codesOf(reference: ReferenceService, set: string, version?: string) {
  const { entities } = await reference.list(set, {
    filters: {},
    status: 'all',
    limit: EVERY,
    offset: 0,
    ...(version ? { version } : {}),
  });
  return new Map(entities.map((entity) => [entity.code, entity]));
}

/** The names of every set the attributes link to (MRC, regions…). */
export async function linkedNames(
  reference: ReferenceService,
  attributes: AttributeDefinition[],
): Promise<LinkedNames> {
  const sets = [...new Set(attributes.flatMap((a) => (a.link ? [a.link] : [])))];
  return new Map(await Promise.all(sets.map(async (set) => [set, await codesOf(reference, set)] as const)));
}

function filterOf(
  attribute: AttributeDefinition,
  all: EntityView[],
  set: SetDefinition,
  names: LinkedNames,
): FilterView | null {
  const values = [...new Set(all.map((e) => e.attributes[attribute.name]).filter((v) => !isAbsent(v)))]
    .map(String)
    .sort((a, b) => a.localeCompare(b, 'fr', { numeric: true }));
  if (values.length === 0) return null;
  const linked = attribute.link ? names.get(attribute.link) : undefined;
  // A code attribute with a label beside it (type → typeLabel) is chosen by its label.
  const twin = set.attributes.find((a) => a.name === `${attribute.name}Label`);
  const labelOf = (value: string) => {
    if (linked) return linked.get(value)?.name ?? null;
    if (!twin) return null;
    const label = all.find((e) => String(e.attributes[attribute.name]) === value)?.attributes[twin.name];
    return label ? String(label) : null;
  };
  const example = values[0] as string;
  if (!linked && !twin && values.length > SELECT_LIMIT) return { attribute, choices: null, example };
  return {
    attribute,
    example,
    choices: values.map((value) => {
      const label = labelOf(value);
      return { value, label: label ? `${value} — ${label}` : value, lang: label ? 'fr' : undefined };
    }),
  };
}

/** What the results table shows: the filterable attributes (by their label when they have one). */
function mainColumns(set: SetDefinition, present: (a: AttributeDefinition) => boolean) {
  const chosen = set.attributes.filter((a) => a.filterable).length > 0;
  return set.attributes
    .filter((a) => !chosen || a.filterable || set.attributes.some((b) => `${b.name}Label` === a.name))
    .filter((a) => !set.attributes.some((b) => b.name === `${a.name}Label`))
    .filter(present)
    .slice(0, MAIN_ATTRIBUTES);
}

/**
 * A set's page: its versions, the filters its values allow, and one page of the search. A query
 * shaped like a code also finds that code, retired or not (names never hold codes).
 */
export async function setPageView(
  reference: ReferenceService,
  set: SetDefinition,
  state: ReferenceSearchState,
): Promise<SetPageView> {
  const versions = await reference.versions(set.id);
  const current = versions[0] ?? null;
  if (set.external) {
    const results = state.q
      ? await reference.list(set.id, { q: state.q, filters: {}, limit: EXTERNAL_PAGE_SIZE, offset: 0 })
      : null;
    return {
      set,
      versions,
      current,
      state,
      filters: [],
      columns: set.attributes,
      notes: set.attributes.filter((a) => a.missing),
      results,
      names: new Map(),
    };
  }
  const [all, names] = await Promise.all([
    codesOf(reference, set.id).then((codes) => [...codes.values()]),
    linkedNames(reference, set.attributes),
  ]);
  const present = (a: AttributeDefinition) => all.some((e) => !isAbsent(e.attributes[a.name]));
  const filters = set.attributes
    .filter((a) => a.filterable)
    .map((a) => filterOf(a, all, set, names))
    .filter((filter): filter is FilterView => filter !== null);
  const allowed = new Set(filters.map((filter) => filter.attribute.name));
  const wanted = Object.fromEntries(Object.entries(state.filters).filter(([name]) => allowed.has(name)));
  const list = await reference.list(set.id, {
    q: state.q || undefined,
    status: state.status === 'current' ? 'current' : 'all',
    filters: wanted,
    limit: REFERENCE_PAGE_SIZE,
    offset: (state.page - 1) * REFERENCE_PAGE_SIZE,
  });
  const code = state.q ? codeIn(set, state.q) : null;
  // The code asked for, when the status and filters chosen keep it.
  const byCode = all.find(
    (entity) =>
      entity.code === code &&
      (state.status !== 'current' || entity.status === 'current') &&
      Object.entries(wanted).every(([name, value]) => String(entity.attributes[name] ?? '') === value),
  );
  const found =
    byCode && !list.entities.some((e) => e.code === byCode.code) && state.page === 1
      ? { entities: [byCode, ...list.entities], total: list.total + 1 }
      : { entities: list.entities, total: list.total };
  const columns = mainColumns(set, present);
  // A column a page shows says "not given" where a value is missing; a column never given is not
  // shown: either way, the reason is said once.
  const notes = set.attributes.filter((a) =>
    a.missing && columns.includes(a)
      ? found.entities.some((e) => isAbsent(e.attributes[a.name]))
      : a.missing && !present(a),
  );
  return {
    set,
    versions,
    current,
    state: { ...state, filters: wanted },
    filters,
    columns,
    notes,
    results: found,
    names,
  };
}

/** A version's change log, with the names of the codes it relates (known in that version). */
export async function versionPageView(reference: ReferenceService, set: SetDefinition, label: string) {
  // The registry's editions have no change log here: the registry's own pages show the changes.
  if (set.external) throw new NotFoundError('reference version', `${set.id}@${label}`);
  const [version, versions] = await Promise.all([
    reference.version(set.id, label),
    reference.versions(set.id),
  ]);
  const [changes, codes, names] = await Promise.all([
    reference.changes(version),
    codesOf(reference, set.id, version.label),
    linkedNames(reference, set.attributes),
  ]);
  const previous = versions.find((v) => v.id === version.previous) ?? null;
  return { set, version, previous, changes, codes, names };
}

export type VersionPageView = Awaited<ReturnType<typeof versionPageView>>;
