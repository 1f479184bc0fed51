import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ErrorSummary, type FieldErrors, formTitle, PostForm, TextField } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';

export interface SetPasswordView {
  token: string;
  /** The account's login name; null when the link no longer works. */
  userName: string | null;
  errors: FieldErrors;
}

/**
 * Choosing a password with a one-time link (people brought over from another portal have none).
 * The login is shown and given to password managers; both fields accept pasting (WCAG 3.3.8).
 */
export function SetPasswordPage({ ctx, view }: { ctx: PageContext; view: SetPasswordView }) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(view.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('setPasswordTitle'), hasErrors)}
      breadcrumbs={[{ label: t('setPasswordTitle') }]}
    >
      <div class="quai-narrow">
        <h1>{t('setPasswordTitle')}</h1>
        {view.userName === null ? (
          <div class="quai-error-summary" role="alert">
            <p>{t('passwordLinkGone')}</p>
          </div>
        ) : (
          <>
            <p>{t('setPasswordLead', { name: view.userName })}</p>
            <ErrorSummary
              ctx={ctx}
              errors={view.errors}
              labels={{ password: t('newPassword'), confirmation: t('passwordConfirmation') }}
            />
            <PostForm ctx={ctx} action={href(locale, 'setPassword', { token: view.token })}>
              <input type="text" name="username" value={view.userName} autocomplete="username" hidden />
              <TextField
                ctx={ctx}
                name="password"
                label={t('newPassword')}
                hint={t('newPasswordHint')}
                errors={view.errors}
                required
                value=""
                type="password"
                autocomplete="new-password"
              />
              <TextField
                ctx={ctx}
                name="confirmation"
                label={t('passwordConfirmation')}
                errors={view.errors}
                required
                value=""
                type="password"
                autocomplete="new-password"
              />
              <button type="submit" class="qc-button qc-primary">
                {t('setPasswordButton')}
              </button>
            </PostForm>
          </>
        )}
      </div>
    </Layout>
  );
}
