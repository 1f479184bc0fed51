import { NotFoundError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { isSysadmin } from '../../accounts/index.js';
import { LICENSES, searchRequest } from '../../catalog/index.js';
import { readBoolean, readInteger, readString, requireString } from '../params.js';
import { ckanTimestamp, presentLicense, presentUser, tagId } from '../present.js';
import { type ActionTable, readAction, writeAction } from './action.js';

/** The CKAN version whose Action API Quai answers like (2.10 keeps site_read and token-only auth). */
export const CKAN_COMPATIBLE_VERSION = '2.10.5';

export const siteActions: ActionTable = {
  status_show: readAction(
    "Return a dictionary with information about the site's configuration.",
    async ({ deps }) => ({
      site_title: deps.config.siteTitle,
      site_description: deps.config.siteDescription,
      site_url: deps.baseUrl,
      ckan_version: CKAN_COMPATIBLE_VERSION,
      error_emails_to: null,
      locale_default: 'fr',
      extensions: ['quai', 'activity', 'dcat', 'fluent', 'scheming_datasets', 'spatial_metadata'],
    }),
  ),

  site_read: readAction(
    'Return True (the site is readable). Kept from CKAN 2.9 and 2.10 for the clients that call it.',
    async () => true,
  ),

  license_list: readAction('Return the list of licenses available for datasets on the site.', async () =>
    LICENSES.map(presentLicense),
  ),

  tag_list: readAction(
    'Return the tags of public datasets.\n\n:param query: (optional) a text the tags must contain (accents and case ignored)\n:param all_fields: (optional, default False)\n:param vocabulary_id: (optional) Quai has no tag vocabularies, so the list is then empty',
    async ({ data, deps }) => {
      if (readString(data, 'vocabulary_id') !== null) return [];
      const query = readString(data, 'query') ?? readString(data, 'q');
      const tags = await deps.catalog.datasets.listPublicTags(
        query,
        data.limit === undefined ? null : readInteger(data, 'limit', 0),
        readInteger(data, 'offset', 0),
      );
      if (!readBoolean(data, 'all_fields', false)) return tags;
      return tags.map((name) => ({
        display_name: name,
        id: tagId(name),
        name,
        state: 'active',
        vocabulary_id: null,
      }));
    },
  ),

  user_show: readAction(
    'Return a user account. The email address is shown to the user themself and to sysadmins only.\n\n:param id: the id or name of the user',
    async ({ actor, data, deps }) => {
      const user = await deps.accounts.requireUser(requireString(data, 'id'));
      const own = actor.user?.id === user.id || isSysadmin(actor);
      const created = await deps.catalog.search.search(
        actor,
        searchRequest({ fq: [`creator_user_id:${user.id}`], rows: 0, includePrivate: true }),
      );
      return presentUser(user, { showEmail: own, createdDatasets: created.count });
    },
  ),

  api_token_create: writeAction(
    'Create an API token; its value is returned once and never again.\n\n:param user: the name or id of the user\n:param name: a name for the token\n:rtype: {"token": ...}',
    async ({ actor, data, deps }) => {
      const created = await deps.accounts.createToken(actor, {
        user: requireString(data, 'user'),
        name: requireString(data, 'name'),
        expiresAt: null,
      });
      return { token: created.token };
    },
  ),

  api_token_list: readAction(
    'Return the API tokens of a user (never their values).\n\n:param user_id: the name or id of the user',
    async ({ actor, data, deps }) => {
      const tokens = await deps.accounts.listTokens(
        actor,
        readString(data, 'user_id') ?? requireString(data, 'user'),
      );
      return tokens.map((token) => ({
        id: token.id,
        name: token.name,
        user_id: token.userId,
        created_at: ckanTimestamp(token.created),
        last_access: token.lastUsed ? ckanTimestamp(token.lastUsed) : null,
      }));
    },
  ),

  api_token_revoke: writeAction(
    'Revoke an API token.\n\n:param jti: the id of the token',
    async ({ actor, data, deps }) => {
      await deps.accounts.revokeToken(actor, readString(data, 'jti') ?? requireString(data, 'id'));
      return null;
    },
  ),
};

/** help_show needs the whole table; it is added where the table is assembled. */
export function helpAction(table: ActionTable) {
  return readAction(
    'Return the docstring of an action.\n\n:param name: the name of the action',
    async ({ data }) => {
      const name = requireString(data, 'name');
      const action = table[name];
      if (!action)
        throw new NotFoundError(
          'action',
          name,
          localized(`Action inconnue : ${name}`, `Action function not found: ${name}`),
        );
      return action.doc;
    },
  );
}
