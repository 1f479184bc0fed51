import { QueryError, ValidationError } from '../../../platform/http/errors.js';
import { isCrawler } from '../../../platform/http/robots.js';
import { localized } from '../../../platform/i18n/index.js';
import { isSysadmin } from '../../accounts/index.js';
import {
  type Dataset,
  FACET_FIELDS,
  type FacetField,
  type SearchRequest,
  searchRequest,
} from '../../catalog/index.js';
import { datasetInputFromPackage, readSpatial } from '../input.js';
import { type CkanData, readBoolean, readInteger, readList, readString, requireString } from '../params.js';
import { presentActivity, presentPackage, presentSearch } from '../present.js';
import {
  filterGlobs,
  mergeKey,
  mergeObject,
  ReviseError,
  reviseText,
  unmatchedKey,
  unmatchedPaths,
} from '../revise.js';
import {
  type ActionContext,
  type ActionTable,
  activeTables,
  type CkanDeps,
  readAction,
  writeAction,
} from './action.js';

const ROWS_MAX = 1000;

/** Parameters package_search understands; anything else is refused as Solr would refuse it. */
const SEARCH_PARAMETERS = new Set([
  'q',
  'fq',
  'fq_list',
  'rows',
  'start',
  'sort',
  'facet',
  'facet.field',
  'facet.limit',
  'facet.mincount',
  'include_private',
  'include_drafts',
  'include_deleted',
  'use_default_schema',
  'qf',
  'wt',
  'bf',
  'boost',
  'tie',
  'defType',
  'mm',
  'fl',
  'df',
  'hl',
]);

/** package_search's data dict as a catalog search request. */
export function searchRequestFromData(data: CkanData): { request: SearchRequest; facetFields: FacetField[] } {
  const unknown = Object.keys(data).filter((key) => !SEARCH_PARAMETERS.has(key) && !key.startsWith('ext_'));
  if (unknown.length > 0) {
    const list = `[${unknown.map((key) => `'${key}'`).join(', ')}]`;
    throw new QueryError(
      localized(`Paramètres de recherche invalides : ${list}`, `Invalid search parameters: ${list}`),
    );
  }
  const facetOn = readBoolean(data, 'facet', true);
  const facetFields = facetOn ? ((readList(data, 'facet.field') ?? []) as unknown[]).map(String) : [];
  const known = facetFields.filter((field): field is FacetField =>
    (FACET_FIELDS as readonly string[]).includes(field),
  );
  const facetLimit = readInteger(data, 'facet.limit', 50, Number.MIN_SAFE_INTEGER);
  const fq = [readString(data, 'fq'), ...((readList(data, 'fq_list') ?? []) as unknown[]).map(String)].filter(
    (clause): clause is string => clause !== null && clause !== '',
  );
  const bbox = readString(data, 'ext_bbox');
  return {
    facetFields: known,
    request: {
      q: readString(data, 'q') ?? '',
      fq,
      sort: readString(data, 'sort'),
      // CKAN clamps rows to its maximum rather than refusing.
      rows: Math.min(readInteger(data, 'rows', 10), ROWS_MAX),
      start: readInteger(data, 'start', 0),
      facetFields: known,
      facetLimit: facetLimit < 0 ? null : facetLimit,
      includePrivate: readBoolean(data, 'include_private', false),
      includeDrafts: readBoolean(data, 'include_drafts', false),
      includeDeleted: readBoolean(data, 'include_deleted', false),
      bbox: bbox === null ? null : readSpatial({ spatial: bbox }),
    },
  };
}

async function search({ actor, data, deps }: ActionContext) {
  const { request, facetFields } = searchRequestFromData(data);
  const result = await deps.catalog.search.search(actor, request);
  const presented = presentSearch(
    deps.baseUrl,
    result,
    facetFields,
    await activeTables(deps, { datasets: result.datasets }),
  );
  const fields = resultFields(data);
  if (!fields) return presented;
  return { ...presented, results: presented.results.map((result) => pickFields(result, fields)) };
}

/** package_search's `fl`: the fields each result keeps (a list, or a text separated by commas or spaces). */
function resultFields(data: CkanData): string[] | null {
  const raw = data.fl;
  if (raw === undefined || raw === null || raw === '') return null;
  const list = (Array.isArray(raw) ? raw.map(String) : String(raw).split(/[\s,]+/)).filter(Boolean);
  return list.length === 0 || list.includes('*') ? null : list.slice(0, 100);
}

/** A result reduced to the fields asked for; `extras_<key>` reaches an extra, as in CKAN's index. */
function pickFields(result: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const extras = new Map(
    ((result.extras ?? []) as { key: string; value: string }[]).map((extra) => [extra.key, extra.value]),
  );
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    if (field in result) picked[field] = result[field];
    else if (field.startsWith('extras_') && extras.has(field.slice(7)))
      picked[field] = extras.get(field.slice(7));
  }
  return picked;
}

/** One dataset as package_show gives it. */
export async function presentDataset(deps: CkanDeps, dataset: Dataset) {
  return presentPackage(deps.baseUrl, dataset, await activeTables(deps, { datasets: [dataset] }));
}

async function showPackage({ actor, data, deps, userAgent }: ActionContext) {
  const dataset = await deps.catalog.datasets.get(actor, requireString(data, 'id'));
  if (!isCrawler(userAgent)) deps.catalog.pageViews.count('api', dataset.id);
  return presentDataset(deps, dataset);
}

/** package_update: the dict replaces the dataset (CKAN's semantics; resources kept when left out). */
export async function updatePackage(context: ActionContext, data: CkanData) {
  const { actor, deps } = context;
  const reference = readString(data, 'id') ?? requireString(data, 'name');
  const current = await deps.catalog.datasets.get(actor, reference);
  const input = datasetInputFromPackage(data, { name: current.name, current });
  return presentDataset(deps, await deps.catalog.datasets.update(actor, current.id, input));
}

/** A value of a flattened key (`update__notes`): JSON when it parses, the string itself otherwise. */
function jsonOrString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A list given as a list, a JSON list or a comma-separated string ("+title, -*"). */
function patternList(value: unknown): string[] {
  const parsed = jsonOrString(value);
  if (Array.isArray(parsed)) return parsed.map(String);
  return String(parsed ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function reviseIssue(field: string, messages: string[]): ValidationError {
  return new ValidationError(
    messages.map((message) => ({ path: field, code: 'revise', message: localized(message, message) })),
  );
}

/** package_revise: match, filter, update (and their flattened keys), then a package_update. */
async function revisePackage(context: ActionContext) {
  const { actor, data, deps } = context;
  const flattened = (prefix: string) =>
    Object.fromEntries(
      Object.entries(data)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => [key.slice(prefix.length), jsonOrString(value)]),
    );
  const match = data.match === undefined ? {} : jsonOrString(data.match);
  const matchKeys = flattened('match__');
  const update = data.update === undefined ? undefined : jsonOrString(data.update);
  const updateKeys = flattened('update__');
  const asObject = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as CkanData) : {};
  const reference = [matchKeys.id, asObject(match).id, matchKeys.name, asObject(match).name].find(
    (value) => typeof value === 'string' && value !== '',
  ) as string | undefined;
  if (reference === undefined) throw reviseIssue('match__id', ['Missing value']);
  const current = (await presentDataset(
    deps,
    await deps.catalog.datasets.get(actor, reference),
  )) as unknown as CkanData;
  const original: CkanData = JSON.parse(JSON.stringify(current));
  const unmatched = unmatchedPaths(original, match);
  for (const key of Object.keys(matchKeys).sort()) {
    try {
      unmatched.push(...unmatchedKey(original, key, matchKeys[key]));
    } catch (error) {
      if (error instanceof ReviseError) unmatched.push([key]);
      else throw error;
    }
  }
  if (unmatched.length > 0) throw reviseIssue('match', unmatched.map(reviseText));
  if (data.filter !== undefined) {
    filterGlobs(original, patternList(data.filter));
    original.id = current.id;
  }
  try {
    if (update !== undefined) mergeObject(original, update);
  } catch (error) {
    if (error instanceof ReviseError) throw reviseIssue('update', [error.message]);
    throw error;
  }
  // Appending (__extend) first, so that later keys may reach the new items.
  const keys = Object.keys(updateKeys).sort(
    (a, b) => Number(!a.endsWith('extend')) - Number(!b.endsWith('extend')) || a.localeCompare(b),
  );
  for (const key of keys) {
    try {
      mergeKey(original, key, updateKeys[key]);
    } catch (error) {
      if (error instanceof ReviseError) throw reviseIssue(`update__${key}`, [error.message]);
      throw error;
    }
  }
  const revised: CkanData = { package: await updatePackage(context, original) };
  if (data.include !== undefined) filterGlobs(revised, patternList(data.include));
  return revised;
}

export const packageActions: ActionTable = {
  package_revise: writeAction(
    'Revise a dataset selectively (CKAN 2.9): check values with match, remove fields with filter, merge values with update.\n\n:param match: {"id" or "name": ..., other fields that must have these values}\n:param filter: (optional) patterns of fields to remove, e.g. ["-resources__1"] or "+title, -*"\n:param update: (optional) values to merge, e.g. {"resources": [{"description": "..."}]}\n:param include: (optional) patterns of fields to return\n\nmatch__… and update__… flattened keys reach list items by index (update__resources__-1__name) or id prefix of 5 characters or more (update__resources__1f9ab__name); update__resources__extend appends.\n:rtype: {"package": dict}',
    revisePackage,
  ),

  dataset_purge: writeAction(
    'Remove a dataset for good, with its resources, their files and its activity (sysadmins). It cannot be restored.\n\n:param id: the id or name of the dataset',
    async ({ actor, data, deps }) => {
      await deps.catalog.datasets.purge(actor, requireString(data, 'id'));
      return null;
    },
  ),

  package_list: readAction(
    "Return a list of the names of the site's public, active datasets.\n\n:param limit: (optional)\n:param offset: (optional)\n:param include_private: (ignored, as in CKAN 2.10: package_list lists public datasets only; package_search has include_private)\n:rtype: list of strings",
    async ({ data, deps }) => {
      const limit = data.limit === undefined ? null : readInteger(data, 'limit', 0);
      return deps.catalog.datasets.listPublicNames(limit, readInteger(data, 'offset', 0));
    },
  ),

  current_package_list_with_resources: readAction(
    "Return a list of the site's datasets and their resources, most recently modified first.\n\n:param limit: (optional, default 10)\n:param offset: (optional)\n:rtype: list of dictionaries",
    async ({ actor, data, deps }) => {
      const limit = Math.min(readInteger(data, 'limit', 10), ROWS_MAX);
      const page = data.page === undefined ? null : readInteger(data, 'page', 1, 1);
      const offset = page === null ? readInteger(data, 'offset', 0) : (page - 1) * limit;
      const result = await deps.catalog.search.search(
        actor,
        searchRequest({
          sort: 'metadata_modified desc',
          rows: limit,
          start: offset,
          includePrivate: isSysadmin(actor),
        }),
      );
      const active = await activeTables(deps, { datasets: result.datasets });
      return result.datasets.map((dataset) => presentPackage(deps.baseUrl, dataset, active));
    },
  ),

  package_search: readAction(
    'Search for datasets (French and English full-text search; q and fq in Solr syntax).\n\n:param q: (optional)\n:param fq: (optional)\n:param rows: (optional, default 10, max 1000)\n:param start: (optional)\n:param sort: (optional, default "score desc, metadata_modified desc")\n:param facet.field: (optional, JSON list)\n:param facet.limit: (optional, default 50)\n:param include_private: (optional, default False)\n:param include_drafts: (optional, default False)\n:param ext_bbox: (optional, "minx,miny,maxx,maxy")\n:param fl: (optional) the fields each result keeps, e.g. "id,name,metadata_modified" (extras as extras_<key>)\n:rtype: dictionary with count, results, search_facets, facets, sort',
    search,
  ),

  package_show: readAction(
    'Return the metadata of a dataset and its resources.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    showPackage,
  ),

  package_create: writeAction(
    'Create a new dataset. You must be an editor or admin of the organization (owner_org).\n\n:param name: the URL name (2-100 lowercase alphanumeric characters, - and _)\n:param title: (French) or title_translated: {"fr": ..., "en": ...}\n:param owner_org: the id or name of the organization\n:param resources: (optional) list of resource dicts\n:rtype: dictionary',
    async ({ actor, data, deps }) =>
      presentDataset(deps, await deps.catalog.datasets.create(actor, datasetInputFromPackage(data))),
  ),

  package_update: writeAction(
    'Update a dataset. The dict replaces the dataset: fields left out are emptied (owner_org, private, state and resources are kept when left out). Call package_show, change what you need, then package_update.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    (context) => updatePackage(context, context.data),
  ),

  package_patch: writeAction(
    'Change some fields of a dataset; the others keep their value.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    async (context) => {
      const { actor, data, deps } = context;
      const current = await presentDataset(
        deps,
        await deps.catalog.datasets.get(actor, requireString(data, 'id')),
      );
      const merged: CkanData = { ...current, ...data, id: current.id };
      // A patch of the plain French field also changes its fluent twin.
      for (const field of ['title', 'notes'] as const) {
        if (data[field] !== undefined && data[`${field}_translated`] === undefined) {
          merged[`${field}_translated`] = { ...current[`${field}_translated`], fr: data[field] };
        }
      }
      return updatePackage(context, merged);
    },
  ),

  package_delete: writeAction(
    'Delete a dataset (it moves to the trash and can be restored by a sysadmin).\n\n:param id: the id or name of the dataset',
    async ({ actor, data, deps }) => {
      await deps.catalog.datasets.delete(actor, requireString(data, 'id'));
      return null;
    },
  ),

  package_activity_list: readAction(
    "Return a dataset's activity stream, newest first.\n\n:param id: the id or name of the dataset\n:param limit: (optional, default 31, max 100)\n:param offset: (optional)",
    async ({ actor, data, deps }) => {
      const page = {
        limit: Math.min(readInteger(data, 'limit', 31, 1), 100),
        offset: readInteger(data, 'offset', 0),
      };
      const activities = await deps.catalog.activity.forDataset(actor, requireString(data, 'id'), page);
      return activities.map(presentActivity);
    },
  ),
};
