import type { Db } from '../../../platform/db/index.js';
import { type Actor, isSysadmin } from '../../accounts/index.js';
import type { DatasetService } from '../datasets/dataset.service.js';
import type { GroupKind, GroupService } from '../groups/group.service.js';
import { type Activity, createActivityRepo } from './activity.repo.js';

export interface ActivityPage {
  limit: number;
  offset: number;
}

export function createActivityService(deps: { db: Db; datasets: DatasetService; groups: GroupService }) {
  const repo = createActivityRepo(deps.db);
  return {
    /** A dataset's history, for whoever may read the dataset. */
    async forDataset(actor: Actor, reference: string, page: ActivityPage): Promise<Activity[]> {
      const ref = await deps.datasets.readableRef(actor, reference);
      return repo.forObject(ref.id, page);
    },

    /** An organisation's history with its datasets'; private ones only for its members. */
    async forGroup(
      actor: Actor,
      kind: GroupKind,
      reference: string,
      page: ActivityPage,
    ): Promise<Activity[]> {
      const group = await deps.groups.require(kind, reference);
      if (kind === 'group') return repo.forObject(group.id, page);
      const includePrivate = isSysadmin(actor) || actor.memberships.has(group.id);
      return repo.forOrganization(group.id, { ...page, includePrivate });
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
