import { randomUUID } from 'node:crypto';
import { type Db, isUniqueViolation } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { IssueCollector, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import {
  checkMaxItems,
  checkMaxLength,
  checkSlug,
  checkUrl,
  isUuid,
  messages,
} from '../../../platform/validation.js';
import { type Actor, isSysadmin } from '../../accounts/index.js';
import { createActivityRepo } from '../activity/activity.repo.js';
import { canManageGroup, forbidden } from '../catalog.policy.js';
import type { Group, GroupInput } from '../catalog.types.js';
import { createDatasetRepo } from '../datasets/dataset.repo.js';
import { LIMITS } from '../limits.js';
import { visibilityFor, visibilitySql } from '../search/visibility.js';
/** The EU data-theme codes DCAT-AP asks every dataset to carry at least one of. */
import { EU_THEMES } from '../vocabularies/themes.js';
import { createGroupRepo, type GroupListing, type GroupSort } from './group.repo.js';

export { EU_THEMES };

export type GroupKind = 'organization' | 'group';

const noun = (kind: GroupKind) =>
  kind === 'organization' ? localized('organisation', 'organization') : localized('thème', 'group');

export function createGroupService({ db, changed }: { db: Db; changed: () => Promise<void> }) {
  const repo = createGroupRepo(db);

  async function require(kind: GroupKind, reference: string): Promise<Group> {
    const group = await repo.find(kind === 'organization', reference);
    if (!group) {
      const what = noun(kind);
      throw new NotFoundError(kind, reference, localized(`${what.fr} introuvable`, `${what.en} not found`));
    }
    return group;
  }

  return {
    find: (kind: GroupKind, reference: string) => repo.find(kind === 'organization', reference),
    require,
    findByIds: (ids: readonly string[]) => repo.findByIds(ids),

    async list(
      actor: Actor,
      kind: GroupKind,
      options: {
        names: string[] | null;
        sort: GroupSort;
        direction: 'asc' | 'desc';
        limit: number | null;
        offset: number;
      },
    ): Promise<GroupListing[]> {
      const params = new SqlParams();
      const visibility = visibilityFor(actor, {
        includePrivate: true,
        includeDrafts: false,
        includeDeleted: false,
      });
      const sql = visibilitySql(visibility, params);
      return repo.list({
        isOrganization: kind === 'organization',
        visibleDatasets: { sql, values: params.values },
        ...options,
      });
    },

    /** Sysadmins create organisations and themes; the creator of an organisation becomes its admin elsewhere. */
    async create(actor: Actor, kind: GroupKind, input: GroupInput): Promise<Group> {
      if (!isSysadmin(actor)) {
        throw forbidden(
          'Seul un administrateur du portail peut créer une organisation ou un thème.',
          `Only sysadmins can create an ${kind}.`,
        );
      }
      const id = input.id ?? randomUUID();
      await validate(input, null);
      if (input.id !== undefined && (!isUuid(input.id) || (await repo.idTaken(input.id)))) {
        throw new ValidationError([
          {
            path: 'id',
            code: 'id_taken',
            message: localized('Identifiant invalide ou déjà utilisé', 'Invalid or already used id'),
          },
        ]);
      }
      await db.transaction(async (tx) => {
        await insertOrReport(() =>
          createGroupRepo(tx).insert({ id, is_organization: kind === 'organization', ...toRow(input) }),
        );
        await createActivityRepo(tx).record(activityOf(actor, kind, id, 'new', input));
      });
      await changed();
      return require(kind, id);
    },

    /** Replaces the organisation's (or theme's) fields; its datasets are re-indexed under the new title. */
    async update(actor: Actor, kind: GroupKind, reference: string, input: GroupInput): Promise<Group> {
      const current = await require(kind, reference);
      if (!canManageGroup(actor, current)) {
        throw forbidden(
          "Vous n'avez pas le droit de modifier cette organisation.",
          `You are not allowed to edit this ${kind}.`,
        );
      }
      await validate(input, current.id);
      await db.transaction(async (tx) => {
        await insertOrReport(() => createGroupRepo(tx).update({ id: current.id, ...toRow(input) }));
        await createDatasetRepo(tx).refreshSearchForGroup(current.id);
        await createActivityRepo(tx).record(activityOf(actor, kind, current.id, 'changed', input));
      });
      await changed();
      return require(kind, current.id);
    },
  };

  async function validate(input: GroupInput, exceptId: string | null): Promise<void> {
    const issues = new IssueCollector();
    checkSlug(issues, 'name', input.name);
    if (!input.title.fr) issues.add('title.fr', 'required', messages.required());
    checkMaxLength(issues, 'title.fr', input.title.fr, LIMITS.groupTitle);
    checkMaxLength(issues, 'title.en', input.title.en, LIMITS.groupTitle);
    checkMaxLength(issues, 'description.fr', input.description.fr, LIMITS.groupDescription);
    checkMaxLength(issues, 'description.en', input.description.en, LIMITS.groupDescription);
    checkMaxLength(issues, 'image_url', input.imageUrl, LIMITS.url);
    if (!issues.has('image_url')) checkUrl(issues, 'image_url', input.imageUrl);
    checkMaxItems(issues, 'extras', Object.keys(input.extras), LIMITS.extras);
    for (const [key, value] of Object.entries(input.extras).slice(0, LIMITS.extras))
      checkMaxLength(issues, `extras.${key.slice(0, 100)}`, value, LIMITS.extraValue);
    if (input.euTheme !== null && !(EU_THEMES as readonly string[]).includes(input.euTheme)) {
      issues.add('eu_theme', 'one_of', messages.oneOf(EU_THEMES));
    }
    if (!issues.has('name') && (await repo.nameTaken(input.name, exceptId)))
      issues.add('name', 'taken', nameTaken());
    issues.throwIfAny();
  }
}

export type GroupService = ReturnType<typeof createGroupService>;

const nameTaken = () => localized('Ce nom est déjà utilisé.', 'Group name already exists in database');

async function insertOrReport(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ValidationError([{ path: 'name', code: 'taken', message: nameTaken() }]);
    throw error;
  }
}

function toRow(input: GroupInput) {
  return {
    name: input.name,
    title_fr: input.title.fr ?? '',
    title_en: input.title.en,
    description_fr: input.description.fr,
    description_en: input.description.en,
    image_url: input.imageUrl,
    eu_theme: input.euTheme,
    extras: input.extras,
  };
}

function activityOf(actor: Actor, kind: GroupKind, id: string, verb: 'new' | 'changed', input: GroupInput) {
  return {
    userId: actor.user?.id ?? null,
    userName: actor.user?.name ?? null,
    objectType: kind,
    objectId: id,
    verb,
    data: { name: input.name, title: { fr: input.title.fr ?? '', en: input.title.en } },
  };
}
