import { ForbiddenError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { type Actor, isSysadmin, roleAtLeast } from '../accounts/index.js';

/** The facts about a dataset that decide who may see or change it. */
export interface DatasetAccessFacts {
  state: 'active' | 'draft' | 'deleted';
  private: boolean;
  ownerOrg: string;
  creatorUserId: string | null;
}

/** Editors and admins of the owning organisation (and sysadmins) edit its datasets. */
export function canEditDataset(actor: Actor, dataset: DatasetAccessFacts): boolean {
  return isSysadmin(actor) || roleAtLeast(actor.memberships.get(dataset.ownerOrg), 'editor');
}

/**
 * Public active datasets are for everyone; private ones for the organisation's members; drafts for
 * their creator and the organisation's editors; deleted ones for those who could edit them.
 */
export function canReadDataset(actor: Actor, dataset: DatasetAccessFacts): boolean {
  if (isSysadmin(actor)) return true;
  if (dataset.state === 'deleted') return canEditDataset(actor, dataset);
  if (dataset.state === 'draft') {
    return (actor.user !== null && dataset.creatorUserId === actor.user.id) || canEditDataset(actor, dataset);
  }
  return !dataset.private || actor.memberships.has(dataset.ownerOrg);
}

export function canCreateDatasetIn(actor: Actor, organizationId: string): boolean {
  return isSysadmin(actor) || roleAtLeast(actor.memberships.get(organizationId), 'editor');
}

/** Organisations are managed by their admins; themes (groups) by sysadmins. */
export function canManageGroup(actor: Actor, group: { id: string; isOrganization: boolean }): boolean {
  return isSysadmin(actor) || (group.isOrganization && roleAtLeast(actor.memberships.get(group.id), 'admin'));
}

export function forbidden(fr: string, en: string): ForbiddenError {
  return new ForbiddenError(localized(fr, en));
}
