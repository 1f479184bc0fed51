import { ForbiddenError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Actor } from '../../accounts/index.js';
import {
  type CatalogService,
  canEditDataset,
  type Dataset,
  type GroupKind,
  type GroupListing,
} from '../../catalog/index.js';
import { type PageRequest, signedInUser } from '../shell/page-routes.js';

/** What several pages load the same way. */

export function mayEdit(actor: Actor, dataset: Dataset): boolean {
  return canEditDataset(actor, {
    state: dataset.state,
    private: dataset.private,
    ownerOrg: dataset.organization.id,
    creatorUserId: dataset.creatorUserId,
  });
}

/** The dataset of the page's address, for a signed-in user who may edit it (403 otherwise). */
export async function editableDataset(page: PageRequest, catalog: CatalogService): Promise<Dataset> {
  signedInUser(page);
  const dataset = await catalog.datasets.get(page.actor, page.params.name ?? '');
  if (!mayEdit(page.actor, dataset)) {
    throw new ForbiddenError(
      localized('Vous ne pouvez pas modifier ce jeu de données.', 'You cannot edit this dataset.'),
    );
  }
  return dataset;
}

/** Every organisation or theme, by title, with the number of datasets the actor sees in each. */
export function allGroups(catalog: CatalogService, actor: Actor, kind: GroupKind): Promise<GroupListing[]> {
  return catalog.groups.list(actor, kind, {
    names: null,
    sort: 'title',
    direction: 'asc',
    limit: null,
    offset: 0,
  });
}
