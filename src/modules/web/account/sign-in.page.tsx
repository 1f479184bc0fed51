import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { formTitle, PostForm } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';

export interface SignInView {
  login: string;
  /** Where to go once signed in (a path of this site). */
  next: string;
  /** Why the last attempt failed. */
  error: string | null;
}

/**
 * Name and password, nothing else to remember or solve (WCAG 3.3.8): the fields accept pasting
 * and say what they are to password managers.
 */
export function SignInPage({ ctx, view }: { ctx: PageContext; view: SignInView }) {
  const { t, locale } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('signInTitle'), view.error !== null)}
      breadcrumbs={[{ label: t('signInTitle') }]}
    >
      <div class="quai-narrow">
        <h1>{t('signInTitle')}</h1>
        <p>{t('signInLead')}</p>
        {view.error ? (
          <div class="quai-error-summary" role="alert" tabIndex={-1} autofocus>
            <p>{view.error}</p>
          </div>
        ) : null}
        <PostForm ctx={ctx} action={href(locale, 'signIn')}>
          <input type="hidden" name="next" value={view.next} />
          <div class="quai-field">
            <label for="login" class="quai-label">
              {t('login')}
            </label>
            <input
              class="quai-input quai-input-long"
              id="login"
              name="login"
              type="text"
              autocomplete="username"
              spellcheck={false}
              value={view.login}
              required
              aria-invalid={view.error ? 'true' : undefined}
            />
          </div>
          <div class="quai-field">
            <label for="password" class="quai-label">
              {t('password')}
            </label>
            <input
              class="quai-input quai-input-long"
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              aria-invalid={view.error ? 'true' : undefined}
            />
          </div>
          <button type="submit" class="qc-button qc-primary">
            {t('signInButton')}
          </button>
        </PostForm>
        <ul class="quai-form-links">
          <li>
            <a href={href(locale, 'forgotPassword')}>{t('forgotLink')}</a>
          </li>
          <li>
            <a href={href(locale, 'signUp')}>{t('noAccount')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}
