import type { Db } from '../../../platform/db/index.js';
import type { Actor } from '../../accounts/index.js';
import type { DatasetService } from '../datasets/dataset.service.js';
import type { GroupKind, GroupService } from '../groups/group.service.js';
import { visibilityFor } from '../search/visibility.js';
import { type Activity, type ActivityPage, createActivityRepo } from './activity.repo.js';

export function createActivityService(deps: { db: Db; datasets: DatasetService; groups: GroupService }) {
  const repo = createActivityRepo(deps.db);
  return {
    /** A dataset's history, for whoever may read the dataset. */
    async forDataset(actor: Actor, reference: string, page: ActivityPage): Promise<Activity[]> {
      const ref = await deps.datasets.readableRef(actor, reference);
      return repo.forObject(ref.id, page);
    },

    /** An organisation's or theme's history with its datasets', as far as the caller may see them. */
    async forGroup(
      actor: Actor,
      kind: GroupKind,
      reference: string,
      page: ActivityPage,
    ): Promise<Activity[]> {
      const group = await deps.groups.require(kind, reference);
      const visibility = visibilityFor(actor, {
        includePrivate: true,
        includeDrafts: true,
        includeDeleted: false,
      });
      return kind === 'organization'
        ? repo.forOrganization(group.id, page, visibility)
        : repo.forGroup(group.id, page, visibility);
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
