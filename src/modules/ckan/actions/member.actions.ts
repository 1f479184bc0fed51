import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { stableUuid } from '../../../platform/stable-uuid.js';
import { canSeeMembers, isRole } from '../../accounts/index.js';
import { type Group, type GroupKind, searchRequest } from '../../catalog/index.js';
import { type CkanData, readString, requireString } from '../params.js';
import { type ActionContext, type ActionTable, readAction, writeAction } from './action.js';
import { presentDataset, updatePackage } from './package.actions.js';

/**
 * CKAN's members: users of an organisation (with their role), datasets of an organisation
 * (capacity "organization") and datasets of a group (capacity "public"). Themes have no users.
 */
type ObjectType = 'user' | 'package';

function invalid(field: string, fr: string, en: string): ValidationError {
  return new ValidationError([{ path: field, code: 'invalid', message: localized(fr, en) }]);
}

function objectType(data: CkanData, required: boolean): ObjectType | null {
  const value = required ? requireString(data, 'object_type') : readString(data, 'object_type');
  if (value === null) return null;
  if (value !== 'user' && value !== 'package') {
    throw invalid(
      'object_type',
      'Type d’objet inconnu (user ou package)',
      'object_type must be user or package',
    );
  }
  return value;
}

/** The group (theme) or organisation named by `id`, whichever it is. */
async function findGroup(
  { deps }: ActionContext,
  reference: string,
): Promise<{ group: Group; kind: GroupKind }> {
  const organization = await deps.catalog.groups.find('organization', reference);
  if (organization) return { group: organization, kind: 'organization' };
  return { group: await deps.catalog.groups.require('group', reference), kind: 'group' };
}

function memberDict(group: Group, objectId: string, table: ObjectType, capacity: string) {
  return {
    capacity,
    group_id: group.id,
    id: stableUuid('ckan-member', `${group.id}:${table}:${objectId}`),
    state: 'active',
    table_id: objectId,
    table_name: table,
  };
}

/** Puts a dataset in a theme, or takes it out: a package_update of its groups, with its rights. */
async function setDatasetInGroup(context: ActionContext, group: Group, reference: string, inGroup: boolean) {
  const dataset = await context.deps.catalog.datasets.get(context.actor, reference);
  const current = await presentDataset(context.deps, dataset);
  const others = current.groups.filter((entry) => entry.id !== group.id).map((entry) => ({ id: entry.id }));
  await updatePackage(context, { ...current, groups: inGroup ? [...others, { id: group.id }] : others });
  return dataset.id;
}

export const memberActions: ActionTable = {
  member_list: readAction(
    'Return the members of an organization or group: [id, type, capacity] lists.\n\n:param id: the organization or group\n:param object_type: (optional) user or package\n:param capacity: (optional) only members with this capacity',
    async (context) => {
      const { actor, data, deps } = context;
      const { group, kind } = await findGroup(context, requireString(data, 'id'));
      const type = objectType(data, false);
      const capacity = readString(data, 'capacity');
      const members: [string, ObjectType, string][] = [];
      if (type !== 'user') {
        const result = await deps.catalog.search.search(
          actor,
          searchRequest({
            fq: [kind === 'organization' ? `owner_org:${group.id}` : `groups:${group.name}`],
            rows: 1000,
            includePrivate: true,
          }),
        );
        const datasetCapacity = kind === 'organization' ? 'organization' : 'public';
        for (const dataset of result.datasets) members.push([dataset.id, 'package', datasetCapacity]);
      }
      // Users: an organisation's members, shown to its members and sysadmins (as organization_show).
      if (type !== 'package' && kind === 'organization' && canSeeMembers(actor, group.id)) {
        for (const member of await deps.accounts.listMembersFor(actor, group.id))
          members.push([member.userId, 'user', member.role]);
      }
      return capacity === null ? members : members.filter((member) => member[2] === capacity);
    },
  ),

  member_create: writeAction(
    'Make an object a member of an organization or group: a user of an organization (capacity admin, editor or member; organization admins), or a dataset of a group (capacity public; editors of the dataset).\n\n:param id: the organization or group\n:param object: the id or name of the user or dataset\n:param object_type: user or package\n:param capacity: the role',
    async (context) => {
      const { actor, data, deps } = context;
      const { group, kind } = await findGroup(context, requireString(data, 'id'));
      const type = objectType(data, true) as ObjectType;
      const object = requireString(data, 'object');
      const capacity = requireString(data, 'capacity');
      if (type === 'user') {
        if (kind !== 'organization') {
          throw invalid(
            'object_type',
            'Les thèmes n’ont pas de membres : seules les organisations en ont.',
            'Groups have no user members in Quai: only organizations do',
          );
        }
        if (!isRole(capacity)) throw invalid('capacity', "Ce rôle n'existe pas.", 'role does not exist.');
        const member = await deps.accounts.setMembership(actor, {
          organizationId: group.id,
          user: object,
          role: capacity,
        });
        return memberDict(group, member.userId, 'user', member.role);
      }
      if (kind === 'organization') {
        throw invalid(
          'object_type',
          'Un jeu de données change d’organisation par package_update (owner_org).',
          'A dataset moves to another organization with package_update (owner_org)',
        );
      }
      const datasetId = await setDatasetInGroup(context, group, object, true);
      return memberDict(group, datasetId, 'package', 'public');
    },
  ),

  member_delete: writeAction(
    'Remove an object from an organization or group: a user from an organization (organization admins), or a dataset from a group (editors of the dataset).\n\n:param id: the organization or group\n:param object: the id or name of the user or dataset\n:param object_type: user or package',
    async (context) => {
      const { actor, data, deps } = context;
      const { group, kind } = await findGroup(context, requireString(data, 'id'));
      const type = objectType(data, true) as ObjectType;
      const object = requireString(data, 'object');
      if (type === 'user') {
        if (kind !== 'organization') {
          throw invalid(
            'object_type',
            'Les thèmes n’ont pas de membres.',
            'Groups have no user members in Quai',
          );
        }
        await deps.accounts.removeMembership(actor, { organizationId: group.id, user: object });
        return null;
      }
      if (kind === 'organization') {
        throw invalid(
          'object_type',
          'Un jeu de données appartient toujours à une organisation.',
          'A dataset always belongs to an organization',
        );
      }
      await setDatasetInGroup(context, group, object, false);
      return null;
    },
  ),
};
