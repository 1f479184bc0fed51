import { type AccountsService, isRole, SYSTEM } from '../../accounts/index.js';
import { text } from '../readers/common.js';
import type { createMigratedRepo } from './migrated.repo.js';
import { type CkanCall, type Dict, describe, list, type MigrationReport } from './migration.types.js';

const PAGE = 1000;

/**
 * The portal's accounts, ids kept (so a dataset's creator stays true), without passwords (CKAN
 * never gives them out: each person sets one through a one-time link), and their roles in the
 * organisations migrated. Needs a sysadmin's key: without one, users stay behind, reported.
 * Returns the ids of the accounts now here.
 */
export async function migrateUsers(
  deps: {
    accounts: AccountsService;
    migrated: ReturnType<typeof createMigratedRepo>;
    call: CkanCall;
    report: MigrationReport;
  },
  organizationIds: string[],
): Promise<Set<string>> {
  const { accounts, migrated, call, report } = deps;
  const here = new Set<string>();
  const seen = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = list(
      await call('user_list', {
        all_fields: 'true',
        order_by: 'name',
        limit: String(PAGE),
        offset: String(offset),
      }),
    );
    // A portal that ignores limit and offset sends everyone each time: stop once nothing is new.
    const fresh = page.filter((user) => !seen.has(text(user.id) ?? ''));
    for (const user of fresh) {
      const id = text(user.id) ?? '';
      seen.add(id);
      if ((text(user.state) ?? 'active') !== 'active') continue;
      try {
        // CKAN's user_list leaves addresses out; user_show gives them to a sysadmin.
        const full = 'email' in user ? user : ((await call('user_show', { id })) as Dict);
        const outcome = await accounts.importUser(SYSTEM, {
          id,
          name: text(user.name) ?? '',
          fullname: text(full.fullname),
          email: text(full.email),
          about: text(full.about),
          sysadmin: full.sysadmin === true,
        });
        report.users[outcome]++;
        here.add(id);
        await migrated.put(report.portal, 'user', id, outcome);
      } catch (error) {
        report.problems.push({ kind: 'user', id: text(user.name) ?? id, reason: describe(error) });
      }
    }
    if (page.length < PAGE || fresh.length === 0) break;
  }
  if (seen.size === 0)
    report.problems.push({
      kind: 'user',
      id: '*',
      reason: 'the portal listed no account: users and memberships need a sysadmin’s API key',
    });
  await migrateMemberships(deps, organizationIds, here);
  return here;
}

/** Each organisation's members (member_list), roles kept; a role gone upstream is removed here. */
async function migrateMemberships(
  deps: Parameters<typeof migrateUsers>[0],
  organizationIds: string[],
  users: Set<string>,
): Promise<void> {
  const { accounts, migrated, call, report } = deps;
  const before = new Set(await migrated.ids(report.portal, 'membership'));
  const unread = new Set<string>();
  for (const organizationId of organizationIds) {
    let members: unknown[];
    try {
      members = (await call('member_list', { id: organizationId, object_type: 'user' })) as unknown[];
    } catch (error) {
      report.problems.push({ kind: 'membership', id: organizationId, reason: describe(error) });
      unread.add(organizationId);
      continue;
    }
    for (const member of Array.isArray(members) ? members : []) {
      const [userId, , capacity] = Array.isArray(member) ? member.map(String) : [];
      if (!userId || !users.has(userId)) continue;
      const key = `${organizationId} ${userId}`;
      before.delete(key);
      if (!isRole(capacity)) {
        report.problems.push({ kind: 'membership', id: key, reason: `unknown capacity ${capacity}` });
        continue;
      }
      const previous = await migrated.version(report.portal, 'membership', key);
      if (previous === capacity) {
        report.memberships.unchanged++;
        continue;
      }
      await accounts.setMembership(SYSTEM, { organizationId, user: userId, role: capacity });
      report.memberships[previous === null ? 'created' : 'updated']++;
      await migrated.put(report.portal, 'membership', key, capacity);
    }
  }
  // Roles this migration gave that the portal no longer lists (organisations it did list).
  for (const key of before) {
    const [organizationId = '', userId = ''] = key.split(' ');
    if (unread.has(organizationId)) continue;
    await accounts.removeMembership(SYSTEM, { organizationId, user: userId }).catch(() => undefined);
    await migrated.remove(report.portal, 'membership', key);
    report.memberships.removed++;
  }
}
