import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import {
  type Actor,
  canSeeMembers,
  isRole,
  isSysadmin,
  type Role,
  roleAtLeast,
  SYSTEM,
} from '../../accounts/index.js';
import { type Group, type GroupKind, searchRequest } from '../../catalog/index.js';
import { groupInputFromDict } from '../input.js';
import {
  type CkanData,
  readBoolean,
  readInteger,
  readList,
  readString,
  requireString,
  stringList,
} from '../params.js';
import { presentActivity, presentGroup, presentPackage } from '../present.js';
import {
  type ActionContext,
  type ActionTable,
  activeTables,
  type CkanDeps,
  readAction,
  writeAction,
} from './action.js';

const SORTS = { title: 'title', name: 'name', package_count: 'package_count' } as const;

async function datasetCount(deps: CkanDeps, actor: Actor, kind: GroupKind, group: Group): Promise<number> {
  const [listing] = await deps.catalog.groups.list(actor, kind, {
    names: [group.name],
    sort: 'name',
    direction: 'asc',
    limit: 1,
    offset: 0,
  });
  return listing?.datasetCount ?? 0;
}

async function showGroup(kind: GroupKind, { actor, data, deps }: ActionContext) {
  const group = await deps.catalog.groups.require(kind, requireString(data, 'id'));
  const users =
    readBoolean(data, 'include_users', true) && kind === 'organization' && canSeeMembers(actor, group.id)
      ? (await deps.accounts.listMembersFor(actor, group.id)).map((member) => ({
          capacity: member.role,
          display_name: member.fullname ?? member.userName,
          fullname: member.fullname,
          id: member.userId,
          name: member.userName,
          state: 'active',
        }))
      : [];
  let packages: unknown[] | undefined;
  if (readBoolean(data, 'include_datasets', false)) {
    const result = await deps.catalog.search.search(
      actor,
      searchRequest({
        fq: [kind === 'organization' ? `owner_org:${group.id}` : `groups:${group.name}`],
        sort: 'metadata_modified desc',
        includePrivate: true,
      }),
    );
    const active = await activeTables(deps, { datasets: result.datasets });
    packages = result.datasets.map((dataset) => presentPackage(deps.baseUrl, dataset, active));
  }
  return presentGroup(deps.baseUrl, group, {
    packageCount: await datasetCount(deps, actor, kind, group),
    users,
    packages,
  });
}

async function listGroups(kind: GroupKind, { actor, data, deps }: ActionContext) {
  const allFields = readBoolean(data, 'all_fields', false);
  const [field = 'title', direction = 'asc'] = (readString(data, 'sort') ?? 'title asc').split(/\s+/);
  const sort = SORTS[field as keyof typeof SORTS];
  if (!sort || (direction !== 'asc' && direction !== 'desc')) {
    throw new ValidationError([
      { path: 'sort', code: 'invalid', message: localized('Tri invalide', 'Invalid sort') },
    ]);
  }
  const names = stringList(data, kind === 'organization' ? 'organizations' : 'groups');
  const listings = await deps.catalog.groups.list(actor, kind, {
    names,
    sort,
    direction,
    limit: data.limit === undefined ? (allFields ? 25 : 1000) : readInteger(data, 'limit', 0),
    offset: readInteger(data, 'offset', 0),
  });
  if (!allFields) return listings.map((listing) => listing.group.name);
  return listings.map((listing) =>
    presentGroup(deps.baseUrl, listing.group, { packageCount: listing.datasetCount }),
  );
}

/** Adds the members a create call lists in `users` ([{name, capacity}]), and the creator as admin. */
async function addMembers(deps: CkanDeps, actor: Actor, organization: Group, users: unknown[]) {
  const wanted: { user: string; role: Role }[] = [];
  if (actor.user && actor !== SYSTEM) wanted.push({ user: actor.user.id, role: 'admin' });
  for (const entry of users) {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const role = String(record.capacity ?? 'member');
    if (!isRole(role))
      throw new ValidationError([
        { path: 'users', code: 'role', message: localized("Ce rôle n'existe pas.", 'role does not exist.') },
      ]);
    wanted.push({ user: String(record.name ?? record.id ?? ''), role });
  }
  for (const member of wanted)
    await deps.accounts.setMembership(actor, { organizationId: organization.id, ...member });
}

function groupActions(kind: GroupKind): ActionTable {
  const noun = kind === 'organization' ? 'organization' : 'group';
  return {
    [`${noun}_list`]: readAction(
      `Return the names (or, with all_fields, the dicts) of the site's ${noun}s.\n\n:param sort: (optional, "title asc", "name", "package_count desc")\n:param limit: (optional)\n:param offset: (optional)\n:param all_fields: (optional, default False)`,
      (context) => listGroups(kind, context),
    ),
    [`${noun}_show`]: readAction(
      `Return the details of a ${noun}.\n\n:param id: the id or name\n:param include_datasets: (optional, default False; 10 datasets)\n:param include_users: (optional, default True; members only)`,
      (context) => showGroup(kind, context),
    ),
    [`${noun}_create`]: writeAction(
      `Create a ${noun} (sysadmins).\n\n:param name: the URL name\n:param title: (French) or title_translated\n:param description: (optional)\n:param image_url: (optional)${kind === 'group' ? '\n:param eu_theme: (optional) EU data theme code, e.g. ENVI' : '\n:param users: (optional) [{"name": ..., "capacity": "admin|editor|member"}]'}`,
      async (context) => {
        const { actor, data, deps } = context;
        const group = await deps.catalog.groups.create(actor, kind, groupInputFromDict(data));
        if (kind === 'organization') await addMembers(deps, actor, group, readList(data, 'users') ?? []);
        return showGroup(kind, { ...context, data: { id: group.id } });
      },
    ),
    [`${noun}_update`]: writeAction(
      `Update a ${noun}; the dict replaces it.\n\n:param id: the id or name`,
      async (context) => {
        const { actor, data, deps } = context;
        const group = await deps.catalog.groups.update(
          actor,
          kind,
          requireString(data, 'id'),
          groupInputFromDict(data),
        );
        return showGroup(kind, { ...context, data: { id: group.id } });
      },
    ),
    [`${noun}_patch`]: writeAction(
      `Change some fields of a ${noun}.\n\n:param id: the id or name`,
      async (context) => {
        const { actor, data, deps } = context;
        const current = await showGroup(kind, {
          ...context,
          data: { id: requireString(data, 'id'), include_users: false },
        });
        const merged: CkanData = { ...current, ...data };
        const group = await deps.catalog.groups.update(actor, kind, current.id, groupInputFromDict(merged));
        return showGroup(kind, { ...context, data: { id: group.id } });
      },
    ),
    [`${noun}_activity_list`]: readAction(
      `Return a ${noun}'s activity stream${kind === 'organization' ? ", with its datasets'" : ''}, newest first.\n\n:param id: the id or name\n:param limit: (optional, default 31)\n:param offset: (optional)`,
      async ({ actor, data, deps }) => {
        const page = {
          limit: Math.min(readInteger(data, 'limit', 31, 1), 100),
          offset: readInteger(data, 'offset', 0),
        };
        return (await deps.catalog.activity.forGroup(actor, kind, requireString(data, 'id'), page)).map(
          presentActivity,
        );
      },
    ),
  };
}

const PERMISSION_ROLES: Record<string, Role> = {
  manage_group: 'admin',
  create_dataset: 'editor',
  update_dataset: 'editor',
  delete_dataset: 'editor',
  read: 'member',
};

export const organizationActions: ActionTable = {
  ...groupActions('organization'),
  ...groupActions('group'),

  organization_member_create: writeAction(
    'Make a user a member of an organization, or change their role (organization admins).\n\n:param id: the id or name of the organization\n:param username: the name or id of the user\n:param role: admin, editor or member',
    async ({ actor, data, deps }) => {
      const organization = await deps.catalog.groups.require('organization', requireString(data, 'id'));
      const role = requireString(data, 'role');
      if (!isRole(role))
        throw new ValidationError([
          { path: 'role', code: 'role', message: localized("Ce rôle n'existe pas.", 'role does not exist.') },
        ]);
      const member = await deps.accounts.setMembership(actor, {
        organizationId: organization.id,
        user: requireString(data, 'username'),
        role,
      });
      return {
        capacity: member.role,
        group_id: organization.id,
        id: `${organization.id}:${member.userId}`,
        state: 'active',
        table_id: member.userId,
        table_name: 'user',
      };
    },
  ),

  organization_list_for_user: readAction(
    'Return the organizations in which the user has a permission (default manage_group).\n\n:param id: (optional) the user; default the caller\n:param permission: (optional) manage_group, create_dataset, update_dataset, delete_dataset or read',
    async ({ actor, data, deps }) => {
      const reference = readString(data, 'id');
      const subject =
        reference === null
          ? actor
          : await deps.accounts.actorForUser(await deps.accounts.requireUser(reference));
      const needed = PERMISSION_ROLES[readString(data, 'permission') ?? 'manage_group'] ?? 'admin';
      const listings = await deps.catalog.groups.list(actor, 'organization', {
        names: null,
        sort: 'title',
        direction: 'asc',
        limit: null,
        offset: 0,
      });
      return listings
        .filter(
          (listing) => isSysadmin(subject) || roleAtLeast(subject.memberships.get(listing.group.id), needed),
        )
        .map((listing) => ({
          ...presentGroup(deps.baseUrl, listing.group, { packageCount: listing.datasetCount }),
          capacity: isSysadmin(subject) ? 'admin' : subject.memberships.get(listing.group.id),
        }));
    },
  ),
};
