import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ErrorSummary, type FieldErrors, formTitle, PostForm, TextField } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';

export interface SignUpView {
  values: { name: string; email: string; fullname: string };
  errors: FieldErrors;
}

/**
 * Anyone creates an account: a name, an address, a password (pasting allowed, told to password
 * managers: WCAG 3.3.8), nothing to solve. A hidden field catches robots.
 */
export function SignUpPage({ ctx, view }: { ctx: PageContext; view: SignUpView }) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(view.errors).length > 0;
  const labels = {
    name: t('signUpName'),
    email: t('signUpEmail'),
    fullname: t('signUpFullname'),
    password: t('password'),
  };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('signUpTitle'), hasErrors)}
      breadcrumbs={[{ label: t('signUpTitle') }]}
    >
      <div class="quai-narrow">
        <h1>{t('signUpTitle')}</h1>
        <p>{t('signUpLead')}</p>
        <ErrorSummary ctx={ctx} errors={view.errors} labels={labels} />
        <PostForm ctx={ctx} action={href(locale, 'signUp')}>
          <TextField
            ctx={ctx}
            name="name"
            label={labels.name}
            hint={t('signUpNameHint')}
            errors={view.errors}
            required
            value={view.values.name}
            autocomplete="username"
            spellcheck={false}
          />
          <TextField
            ctx={ctx}
            name="email"
            label={labels.email}
            hint={t('signUpEmailHint')}
            errors={view.errors}
            required
            value={view.values.email}
            type="email"
            autocomplete="email"
            spellcheck={false}
          />
          <TextField
            ctx={ctx}
            name="fullname"
            label={labels.fullname}
            errors={view.errors}
            value={view.values.fullname}
            autocomplete="name"
          />
          <TextField
            ctx={ctx}
            name="password"
            label={labels.password}
            hint={t('newPasswordHint')}
            errors={view.errors}
            required
            value=""
            type="password"
            autocomplete="new-password"
          />
          <div class="quai-honeypot" aria-hidden="true">
            <label for="website">{t('signUpHoneypot')}</label>
            <input id="website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
          </div>
          <button type="submit" class="qc-button qc-primary">
            {t('signUpButton')}
          </button>
        </PostForm>
        <ul class="quai-form-links">
          <li>
            <a href={href(locale, 'signIn')}>{t('haveAccount')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

/** After a sign-up or a reset request: the same words whether or not the address has an account. */
export function CheckMailPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('checkMailTitle')} breadcrumbs={[{ label: t('checkMailTitle') }]}>
      <div class="quai-narrow">
        <h1>{t('checkMailTitle')}</h1>
        <p role="status">{t('checkMailText')}</p>
      </div>
    </Layout>
  );
}

/**
 * The link of the confirmation message opens this page; the address is confirmed by its button
 * (a POST: mail scanners that open links do not confirm anything).
 */
export function VerifyPage({ ctx, view }: { ctx: PageContext; view: { token: string; valid: boolean } }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('verifyTitle')} breadcrumbs={[{ label: t('verifyTitle') }]}>
      <div class="quai-narrow">
        <h1>{t('verifyTitle')}</h1>
        {view.valid ? (
          <>
            <p>{t('verifyLead')}</p>
            <PostForm ctx={ctx} action={href(locale, 'accountVerify', { token: view.token })}>
              <button type="submit" class="qc-button qc-primary">
                {t('verifyButton')}
              </button>
            </PostForm>
          </>
        ) : (
          <div class="quai-error-summary" role="alert">
            <p>{t('verifyGone')}</p>
          </div>
        )}
      </div>
    </Layout>
  );
}

export function ForgotPasswordPage({
  ctx,
  view,
}: {
  ctx: PageContext;
  view: { email: string; errors: FieldErrors };
}) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(view.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('forgotTitle'), hasErrors)}
      breadcrumbs={[{ label: t('forgotTitle') }]}
    >
      <div class="quai-narrow">
        <h1>{t('forgotTitle')}</h1>
        <p>{t('forgotLead')}</p>
        <ErrorSummary ctx={ctx} errors={view.errors} labels={{ email: t('signUpEmail') }} />
        <PostForm ctx={ctx} action={href(locale, 'forgotPassword')}>
          <TextField
            ctx={ctx}
            name="email"
            label={t('signUpEmail')}
            errors={view.errors}
            required
            value={view.email}
            type="email"
            autocomplete="email"
            spellcheck={false}
          />
          <button type="submit" class="qc-button qc-primary">
            {t('forgotButton')}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

export function DeleteAccountPage({
  ctx,
  view,
}: {
  ctx: PageContext;
  view: { userName: string; errors: FieldErrors };
}) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(view.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('deleteTitle'), hasErrors)}
      breadcrumbs={[
        { label: t('workspaceTitle'), href: href(locale, 'workspace') },
        { label: t('deleteTitle') },
      ]}
    >
      <div class="quai-narrow">
        <h1>{t('deleteTitle')}</h1>
        <p>{t('deleteLead')}</p>
        <ErrorSummary ctx={ctx} errors={view.errors} labels={{ password: t('deletePassword') }} />
        <PostForm ctx={ctx} action={href(locale, 'deleteAccount')}>
          <input type="text" name="username" value={view.userName} autocomplete="username" hidden />
          <TextField
            ctx={ctx}
            name="password"
            label={t('deletePassword')}
            errors={view.errors}
            required
            value=""
            type="password"
            autocomplete="current-password"
          />
          <button type="submit" class="qc-button qc-danger">
            {t('deleteAccountButton')}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
