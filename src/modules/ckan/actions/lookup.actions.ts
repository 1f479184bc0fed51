import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Actor, ANONYMOUS, isSysadmin } from '../../accounts/index.js';
import {
  type GroupKind,
  RESOURCE_SEARCH_FIELDS,
  type ResourceSearchField,
  searchRequest,
} from '../../catalog/index.js';
import { type CkanData, readBoolean, readInteger, readList, readString, requireString } from '../params.js';
import { presentPackage, presentResource, presentUser, tagId } from '../present.js';
import { type ActionTable, activeTables, type CkanDeps, readAction } from './action.js';

/** The `q` of an autocomplete: CKAN requires it (a missing one is a validation error). */
function autocompleteText(data: CkanData): string {
  return requireString(data, 'q').slice(0, 200);
}

const limitOf = (data: CkanData, fallback: number) => Math.min(readInteger(data, 'limit', fallback, 1), 1000);

/** Users are listed to signed-in callers only (CKAN with ckan.auth.public_user_details = false). */
function mustBeSignedIn(actor: Actor) {
  if (!actor.user) {
    throw new ForbiddenError(
      localized(
        'Connectez-vous pour voir la liste des utilisateurs.',
        'Sign in to list the users of the site.',
      ),
    );
  }
}

async function groupAutocomplete(kind: GroupKind, deps: CkanDeps, data: CkanData) {
  const text = autocompleteText(data).toLowerCase();
  const limit = limitOf(data, 20);
  const listings = await deps.catalog.groups.list(ANONYMOUS, kind, {
    names: null,
    sort: 'name',
    direction: 'asc',
    limit: null,
    offset: 0,
  });
  return listings
    .map((listing) => listing.group)
    .filter(
      (group) =>
        group.name.includes(text) ||
        fold(group.title.fr).includes(fold(text)) ||
        fold(group.title.en ?? '').includes(fold(text)),
    )
    .slice(0, limit)
    .map((group) => ({ id: group.id, name: group.name, title: group.title.fr }));
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** resource_search's `query`: "field:term" strings (a list, or one string). */
function resourceTerms(data: CkanData): { field: ResourceSearchField; text: string }[] {
  const raw = data.query ?? data.q;
  const items =
    raw === undefined
      ? []
      : Array.isArray(raw)
        ? raw.map(String)
        : typeof raw === 'string' && raw.trim().startsWith('[')
          ? ((readList(data, 'query') ?? []) as unknown[]).map(String)
          : [String(raw)];
  // The deprecated `fields` dict ({"name": "term"}) still works, as in CKAN.
  const fields = data.fields;
  if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
    for (const [field, term] of Object.entries(fields)) items.push(`${field}:${String(term)}`);
  }
  return items.map((item) => {
    const colon = item.indexOf(':');
    if (colon < 1) {
      throw new ValidationError([
        {
          path: 'query',
          code: 'format',
          message: localized(
            'La recherche doit être de la forme « champ:terme ».',
            'Search query must be of the form "field:term"',
          ),
        },
      ]);
    }
    const field = item.slice(0, colon).trim();
    if (!(field in RESOURCE_SEARCH_FIELDS)) {
      throw new ValidationError([
        {
          path: 'query',
          code: 'field',
          message: localized(
            `Champ « ${field} » inconnu de resource_search.`,
            `Field "${field}" not recognised in resource_search.`,
          ),
        },
      ]);
    }
    return { field: field as ResourceSearchField, text: item.slice(colon + 1).trim() };
  });
}

export const lookupActions: ActionTable = {
  package_autocomplete: readAction(
    'Return public datasets whose name or title contains a text (accents and case ignored).\n\n:param q: the text\n:param limit: (optional, default 10)\n:rtype: list of {name, title, match_field, match_displayed}',
    async ({ data, deps }) => {
      const text = autocompleteText(data);
      const found = await deps.catalog.datasets.autocomplete(text, limitOf(data, 10));
      return found.map((dataset) => {
        const byName = dataset.name.includes(text.toLowerCase());
        return {
          match_displayed: byName ? dataset.name : `${dataset.title_fr} (${dataset.name})`,
          match_field: byName ? 'name' : 'title',
          name: dataset.name,
          title: dataset.title_fr,
        };
      });
    },
  ),

  format_autocomplete: readAction(
    'Return the formats of public resources that contain a text, most used first, in lower case.\n\n:param q: the text\n:param limit: (optional, default 5)\n:rtype: list of strings',
    async ({ data, deps }) => deps.catalog.datasets.formats(autocompleteText(data), limitOf(data, 5)),
  ),

  tag_autocomplete: readAction(
    'Return the tags of public datasets that contain a text (accents and case ignored).\n\n:param q: the text\n:param limit: (optional, default 10)\n:param vocabulary_id: (optional) Quai has no tag vocabularies: the list is then empty\n:rtype: list of strings',
    async ({ data, deps }) => {
      if (readString(data, 'vocabulary_id') !== null) return [];
      return deps.catalog.datasets.listPublicTags(autocompleteText(data), limitOf(data, 10), 0);
    },
  ),

  group_autocomplete: readAction(
    'Return the groups (themes) whose name or title contains a text.\n\n:param q: the text\n:param limit: (optional, default 20)\n:rtype: list of {id, name, title}',
    async ({ data, deps }) => groupAutocomplete('group', deps, data),
  ),

  organization_autocomplete: readAction(
    'Return the organizations whose name or title contains a text.\n\n:param q: the text\n:param limit: (optional, default 20)\n:rtype: list of {id, name, title}',
    async ({ data, deps }) => groupAutocomplete('organization', deps, data),
  ),

  user_autocomplete: readAction(
    'Return the users whose name or full name contains a text (signed-in callers).\n\n:param q: the text\n:param limit: (optional, default 20)\n:rtype: list of {id, name, fullname}',
    async ({ actor, data, deps }) => {
      mustBeSignedIn(actor);
      const users = await deps.accounts.listUsers({
        text: autocompleteText(data),
        order: 'name',
        limit: limitOf(data, 20),
        offset: 0,
      });
      return users.map((user) => ({ fullname: user.fullname, id: user.id, name: user.name }));
    },
  ),

  user_list: readAction(
    'Return the users of the site (signed-in callers); email addresses to sysadmins only.\n\n:param q: (optional) a text the name or full name contains\n:param order_by: (optional, default display_name) name, display_name or created\n:param all_fields: (optional, default True) dicts, or names only\n:param limit: (optional, default 20)\n:param offset: (optional)',
    async ({ actor, data, deps }) => {
      mustBeSignedIn(actor);
      const orderBy = readString(data, 'order_by') ?? 'display_name';
      const order = (
        { name: 'name', display_name: 'fullname', fullname: 'fullname', created: 'created' } as const
      )[orderBy as 'name'];
      if (!order) {
        throw new ValidationError([
          { path: 'order_by', code: 'invalid', message: localized('Tri invalide', 'Invalid order_by') },
        ]);
      }
      const users = await deps.accounts.listUsers({
        text: readString(data, 'q'),
        order,
        limit: limitOf(data, 20),
        offset: readInteger(data, 'offset', 0),
      });
      if (!readBoolean(data, 'all_fields', true)) return users.map((user) => user.name);
      return Promise.all(
        users.map(async (user) => {
          const created = await deps.catalog.search.search(
            actor,
            searchRequest({ fq: [`creator_user_id:${user.id}`], rows: 0, includePrivate: true }),
          );
          return presentUser(user, { showEmail: isSysadmin(actor), createdDatasets: created.count });
        }),
      );
    },
  ),

  tag_show: readAction(
    'Return a tag of public datasets.\n\n:param id: the name of the tag\n:param include_datasets: (optional, default False) the public datasets that have it (1000 at most)',
    async ({ actor, data, deps }) => {
      const name = requireString(data, 'id');
      const result = await deps.catalog.search.search(
        actor,
        searchRequest({ fq: [`tags:"${name.replace(/["\\]/g, '\\$&')}"`], rows: 1000 }),
      );
      const tagged = result.datasets.filter((dataset) => dataset.tags.includes(name));
      if (tagged.length === 0)
        throw new NotFoundError(
          'tag',
          name,
          localized(`Mot-clé introuvable : ${name}`, `Could not find tag "${name}"`),
        );
      const tag = { display_name: name, id: tagId(name), name, vocabulary_id: null };
      if (!readBoolean(data, 'include_datasets', false)) return tag;
      const active = await activeTables(deps, { datasets: tagged });
      return { ...tag, packages: tagged.map((dataset) => presentPackage(deps.baseUrl, dataset, active)) };
    },
  ),

  vocabulary_list: readAction(
    'Return the tag vocabularies of the site: Quai has none (keywords are free tags in French and English).',
    async () => [],
  ),

  package_relationships_list: readAction(
    'Return the relationships between two datasets: Quai records none, so the list is empty once both datasets are found.\n\n:param id: a dataset\n:param id2: (optional) another dataset\n:param rel: (optional)',
    async ({ actor, data, deps }) => {
      await deps.catalog.datasets.readableRef(actor, requireString(data, 'id'));
      const other = readString(data, 'id2');
      if (other !== null) await deps.catalog.datasets.readableRef(actor, other);
      return [];
    },
  ),

  package_collaborator_list: readAction(
    "Return a dataset's collaborators: Quai gives rights through organisations only, so the list is empty (editors of the dataset only).\n\n:param id: the dataset",
    async ({ actor, data, deps }) => {
      await deps.catalog.datasets.editableRef(actor, requireString(data, 'id'));
      return [];
    },
  ),

  resource_search: readAction(
    'Search the resources of public datasets.\n\n:param query: "field:term" or a list of them (every term must match; fields: name, description, format, url, mimetype, resource_type, hash, id, package_id)\n:param order_by: (optional) a field\n:param offset: (optional)\n:param limit: (optional)\n:rtype: {count, results}',
    async ({ data, deps }) => {
      const terms = resourceTerms(data);
      const orderBy = readString(data, 'order_by');
      if (orderBy !== null && !(orderBy in RESOURCE_SEARCH_FIELDS)) {
        throw new ValidationError([
          {
            path: 'order_by',
            code: 'field',
            message: localized(`Champ de tri inconnu : ${orderBy}`, `Cannot order by field "${orderBy}"`),
          },
        ]);
      }
      const found = await deps.catalog.resources.search(terms, {
        orderBy: orderBy as ResourceSearchField | null,
        // An answer holds 1000 resources at most (CKAN has no bound; page with offset).
        limit: Math.min(readInteger(data, 'limit', 1000), 1000),
        offset: readInteger(data, 'offset', 0),
      });
      const active = await activeTables(deps, { resources: found.results.map((found) => found.resource) });
      return {
        count: found.count,
        results: found.results.map(({ resource }) => presentResource(deps.baseUrl, resource, active)),
      };
    },
  ),
};
