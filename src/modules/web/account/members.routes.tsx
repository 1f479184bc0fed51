import { ValidationError } from '../../../platform/http/errors.js';
import { isRole, isSysadmin, roleAtLeast } from '../../accounts/index.js';
import type { Group } from '../../catalog/index.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { MembersPage } from './members.page.js';

/** An organisation's members: its members see the list, its admins change it. */
export function memberRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { accounts, catalog, cookies } = deps;

  async function render(page: PageRequest, organization: Group, username: string, errors: FieldErrors) {
    const members = await accounts.listMembersFor(page.actor, organization.id);
    const canManage =
      isSysadmin(page.actor) || roleAtLeast(page.actor.memberships.get(organization.id), 'admin');
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const ctx = page.context({ page: 'members', params: { name: organization.name } });
    return <MembersPage ctx={ctx} view={{ organization, members, canManage, username, errors }} />;
  }

  pages.get('members', async (page) => {
    signedInUser(page);
    const organization = await catalog.groups.require('organization', page.params.name ?? '');
    return render(page, organization, '', {});
  });

  pages.post('members', async (page) => {
    signedInUser(page);
    const organization = await catalog.groups.require('organization', page.params.name ?? '');
    const fields = formFields(page, cookies);
    const username = fieldText(fields.username);
    const role = fieldText(fields.role);
    const organizationId = organization.id;
    try {
      if (fieldText(fields.action) === 'remove') {
        await accounts.removeMembership(page.actor, { organizationId, user: username });
      } else {
        if (!username) return render(page, organization, username, { username: page.t('fieldRequired') });
        if (!isRole(role)) return render(page, organization, username, { role: page.t('fieldRequired') });
        await accounts.setMembership(page.actor, { organizationId, user: username, role });
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(
        page,
        organization,
        username,
        fieldErrorsOf(error.issues, page.locale, ['username', 'role']),
      );
    }
    cookies.notify(page.reply, 'memberSaved');
    return page.redirect('members', { name: organization.name });
  });
}
