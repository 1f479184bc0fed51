import { QueryError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { isSysadmin } from '../../accounts/index.js';
import { FACET_FIELDS, type FacetField, type SearchRequest, searchRequest } from '../../catalog/index.js';
import { datasetInputFromPackage, readSpatial } from '../input.js';
import { type CkanData, readBoolean, readInteger, readList, readString, requireString } from '../params.js';
import { presentActivity, presentPackage, presentSearch } from '../present.js';
import { type ActionContext, type ActionTable, readAction, writeAction } from './action.js';

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
  return presentSearch(deps.baseUrl, await deps.catalog.search.search(actor, request), facetFields);
}

async function showPackage({ actor, data, deps }: ActionContext) {
  return presentPackage(deps.baseUrl, await deps.catalog.datasets.get(actor, requireString(data, 'id')));
}

/** package_update: the dict replaces the dataset (CKAN's semantics; resources kept when left out). */
async function updatePackage(context: ActionContext, data: CkanData) {
  const { actor, deps } = context;
  const reference = readString(data, 'id') ?? requireString(data, 'name');
  const current = await deps.catalog.datasets.get(actor, reference);
  const input = datasetInputFromPackage(data, { name: current.name, current });
  return presentPackage(deps.baseUrl, await deps.catalog.datasets.update(actor, current.id, input));
}

export const packageActions: ActionTable = {
  package_list: readAction(
    "Return a list of the names of the site's public, active datasets.\n\n:param limit: (optional)\n:param offset: (optional)\n:rtype: list of strings",
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
      return result.datasets.map((dataset) => presentPackage(deps.baseUrl, dataset));
    },
  ),

  package_search: readAction(
    'Search for datasets (French and English full-text search; q and fq in Solr syntax).\n\n:param q: (optional)\n:param fq: (optional)\n:param rows: (optional, default 10, max 1000)\n:param start: (optional)\n:param sort: (optional, default "score desc, metadata_modified desc")\n:param facet.field: (optional, JSON list)\n:param facet.limit: (optional, default 50)\n:param include_private: (optional, default False)\n:param include_drafts: (optional, default False)\n:param ext_bbox: (optional, "minx,miny,maxx,maxy")\n:rtype: dictionary with count, results, search_facets, facets, sort',
    search,
  ),

  package_show: readAction(
    'Return the metadata of a dataset and its resources.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    showPackage,
  ),

  package_create: writeAction(
    'Create a new dataset. You must be an editor or admin of the organization (owner_org).\n\n:param name: the URL name (2-100 lowercase alphanumeric characters, - and _)\n:param title: (French) or title_translated: {"fr": ..., "en": ...}\n:param owner_org: the id or name of the organization\n:param resources: (optional) list of resource dicts\n:rtype: dictionary',
    async ({ actor, data, deps }) =>
      presentPackage(deps.baseUrl, await deps.catalog.datasets.create(actor, datasetInputFromPackage(data))),
  ),

  package_update: writeAction(
    'Update a dataset. The dict replaces the dataset: fields left out are emptied (owner_org, private, state and resources are kept when left out). Call package_show, change what you need, then package_update.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    (context) => updatePackage(context, context.data),
  ),

  package_patch: writeAction(
    'Change some fields of a dataset; the others keep their value.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    async (context) => {
      const { actor, data, deps } = context;
      const current = presentPackage(
        deps.baseUrl,
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
