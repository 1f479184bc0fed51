import { type Member, ROLES } from '../../accounts/index.js';
import type { Group } from '../../catalog/index.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  RowAction,
  SelectField,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { pickTitle } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { ROLE_LABELS } from './workspace.page.js';

export interface MembersView {
  organization: Group;
  members: Member[];
  canManage: boolean;
  /** What was typed in the "add a member" form, when it was refused. */
  username: string;
  errors: FieldErrors;
}

export function MembersPage({ ctx, view }: { ctx: PageContext; view: MembersView }) {
  const { t, locale } = ctx;
  const title = pickTitle(locale, view.organization.title);
  const action = href(locale, 'members', { name: view.organization.name });
  const roleChoices = [...ROLES].reverse().map((role) => ({ value: role, label: t(ROLE_LABELS[role]) }));
  const hasErrors = Object.keys(view.errors).length > 0;
  const pageTitle = t('membersTitle', { name: title.text });
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, pageTitle, hasErrors)}
      section="organizations"
      breadcrumbs={[
        { label: t('organizationsTitle'), href: href(locale, 'organizations') },
        { label: title.text, href: href(locale, 'organization', { name: view.organization.name }) },
        { label: t('members') },
      ]}
    >
      <h1>{pageTitle}</h1>
      <p>{t('rolesExplained')}</p>
      <ScrollRegion labelledBy="liste-membres">
        <table class="quai-table">
          <caption id="liste-membres">{t('members')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('memberUser')}</th>
              <th scope="col">{t('role')}</th>
              {view.canManage ? <th scope="col">{t('memberActions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {view.members.map((member) => {
              const name = member.fullname ? `${member.fullname} (${member.userName})` : member.userName;
              const selectId = `role-${member.userId}`;
              return (
                <tr key={member.userId}>
                  <th scope="row">{name}</th>
                  <td>
                    {view.canManage ? (
                      <PostForm ctx={ctx} action={action} class="quai-inline-form" id={`form-${selectId}`}>
                        <input type="hidden" name="action" value="role" />
                        <input type="hidden" name="username" value={member.userName} />
                        <label for={selectId} class="quai-visually-hidden">
                          {t('changeRole', { name })}
                        </label>
                        <select id={selectId} name="role" class="quai-input quai-select">
                          {roleChoices.map((choice) => (
                            <option
                              key={choice.value}
                              value={choice.value}
                              selected={choice.value === member.role}
                            >
                              {choice.label}
                            </option>
                          ))}
                        </select>{' '}
                        <button
                          type="submit"
                          class="qc-button qc-secondary qc-compact"
                          aria-label={t('saveRoleOf', { name })}
                        >
                          {t('saveRole')}
                        </button>
                      </PostForm>
                    ) : (
                      t(ROLE_LABELS[member.role])
                    )}
                  </td>
                  {view.canManage ? (
                    <td>
                      <RowAction
                        ctx={ctx}
                        action={action}
                        fields={{ action: 'remove', username: member.userName }}
                        label={t('remove')}
                        fullLabel={t('removeMember', { name })}
                      />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>

      {view.canManage ? (
        <section aria-labelledby="ajouter-membre">
          <h2 id="ajouter-membre">{t('addMember')}</h2>
          <PostForm ctx={ctx} action={action}>
            <ErrorSummary ctx={ctx} errors={view.errors} labels={{ username: t('memberUsername') }} />
            <input type="hidden" name="action" value="add" />
            <TextField
              ctx={ctx}
              name="username"
              label={t('memberUsername')}
              errors={view.errors}
              value={view.username}
              autocomplete="off"
              spellcheck={false}
              required
            />
            <SelectField
              ctx={ctx}
              name="role"
              label={t('role')}
              errors={view.errors}
              value="editor"
              choices={roleChoices}
            />
            <button type="submit" class="qc-button qc-primary">
              {t('addMemberButton')}
            </button>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}
