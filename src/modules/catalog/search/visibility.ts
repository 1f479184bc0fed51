import type { SqlParams } from '../../../platform/db/sql-params.js';
import { type Actor, isSysadmin, organizationsWithRole } from '../../accounts/index.js';

/** What a caller may see in lists and counts, and what it asked to include. */
export interface Visibility {
  sysadmin: boolean;
  userId: string | null;
  /** Organisations whose private datasets the caller may read (any role). */
  memberOrgs: string[];
  /** Organisations whose drafts the caller may read (editor or admin). */
  editorOrgs: string[];
  includePrivate: boolean;
  includeDrafts: boolean;
  /** Honoured for sysadmins only. */
  includeDeleted: boolean;
}

export function visibilityFor(
  actor: Actor,
  include: { includePrivate: boolean; includeDrafts: boolean; includeDeleted: boolean },
): Visibility {
  return {
    sysadmin: isSysadmin(actor),
    userId: actor.user?.id ?? null,
    memberOrgs: organizationsWithRole(actor, 'member'),
    editorOrgs: organizationsWithRole(actor, 'editor'),
    ...include,
  };
}

/** What an anonymous caller sees: public, active datasets. */
export const PUBLIC: Visibility = Object.freeze({
  sysadmin: false,
  userId: null,
  memberOrgs: [],
  editorOrgs: [],
  includePrivate: false,
  includeDrafts: false,
  includeDeleted: false,
});

/** True when the caller would see exactly what an anonymous caller sees. */
export function seesOnlyPublic(visibility: Visibility): boolean {
  if (visibility.sysadmin) return false;
  if (visibility.includePrivate && visibility.memberOrgs.length > 0) return false;
  return !(visibility.includeDrafts && visibility.userId !== null);
}

/** The SQL predicate over `catalog.datasets d` that keeps only what the caller may see. */
export function visibilitySql(visibility: Visibility, params: SqlParams): string {
  if (visibility.sysadmin) {
    const states = ['active'];
    if (visibility.includeDrafts) states.push('draft');
    if (visibility.includeDeleted) states.push('deleted');
    const state = `d.state = ANY(${params.add(states)}::text[])`;
    return visibility.includePrivate ? state : `(${state} AND NOT d.private)`;
  }
  const readable =
    visibility.includePrivate && visibility.memberOrgs.length > 0
      ? `(NOT d.private OR d.owner_org = ANY(${params.add(visibility.memberOrgs)}::uuid[]))`
      : 'NOT d.private';
  const active = `(d.state = 'active' AND ${readable})`;
  if (!visibility.includeDrafts || visibility.userId === null) return active;
  const ownDrafts = [`d.creator_user_id = ${params.add(visibility.userId)}::uuid`];
  if (visibility.editorOrgs.length > 0)
    ownDrafts.push(`d.owner_org = ANY(${params.add(visibility.editorOrgs)}::uuid[])`);
  return `(${active} OR (d.state = 'draft' AND (${ownDrafts.join(' OR ')})))`;
}
