import { TooManyRequestsError, ValidationError } from '../../../platform/http/errors.js';
import { isSysadmin, type Role, roleAtLeast } from '../../accounts/index.js';
import { type SearchResult, searchRequest } from '../../catalog/index.js';
import { PAGE_SIZE, readSearchState } from '../catalog/search-state.js';
import { href } from '../i18n/paths.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import { fieldValue, formFields, type PageRoutes, signedInUser, type WebDeps } from '../shell/page-routes.js';
import { ProfilePage } from './profile.page.js';
import { SetPasswordPage } from './set-password.page.js';
import { SignInPage } from './sign-in.page.js';
import { TokensPage } from './tokens.page.js';
import { WorkspacePage } from './workspace.page.js';

/** Only a path of this site: "//elsewhere.example" or "https://…" would send people away. */
export function safeNext(value: string): string | null {
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : null;
}

/**
 * A page whose address holds a one-time link's secret: never cached, and never sending the
 * address on as a referrer.
 */
export function linkPage(page: { reply: { header(name: string, value: string): unknown } }): void {
  page.reply.header('Cache-Control', 'no-store');
  page.reply.header('Referrer-Policy', 'no-referrer');
}

/** Signing in and out, the workspace's front page, and API tokens. */
export function accountRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { accounts, catalog, cookies } = deps;

  pages.get('signIn', async (page) => {
    const next = safeNext(fieldValue(page.query.next)) ?? '';
    if (page.actor.user) return page.reply.redirect(next || href(page.locale, 'workspace'), 303);
    return <SignInPage ctx={page.context({ page: 'signIn' })} view={{ login: '', next, error: null }} />;
  });

  pages.post('signIn', async (page) => {
    const fields = formFields(page, cookies);
    const login = fieldValue(fields.login).trim();
    const next = safeNext(fieldValue(fields.next)) ?? '';
    let error: string | null = null;
    try {
      const user = await accounts.authenticatePassword(login, fieldValue(fields.password), {
        client: page.request.ip,
        device: cookies.device(page.request),
      });
      if (user) {
        cookies.signIn(
          page.reply,
          await accounts.sessions.start(user.id),
          await accounts.deviceToken(user.id),
        );
        return page.reply.redirect(next || href(page.locale, 'workspace'), 303);
      }
      error = page.t('signInFailed');
      page.reply.code(401);
    } catch (caught) {
      if (!(caught instanceof TooManyRequestsError)) throw caught;
      error = caught.detail[page.locale];
      page.reply.code(429);
    }
    return <SignInPage ctx={page.context({ page: 'signIn' })} view={{ login, next, error }} />;
  });

  pages.get('setPassword', async (page) => {
    linkPage(page);
    const token = page.params.token ?? '';
    const link = await accounts.passwordLinks.check(token);
    if (!link) page.reply.code(410);
    const ctx = page.context({ page: 'setPassword', params: { token } });
    return <SetPasswordPage ctx={ctx} view={{ token, userName: link?.userName ?? null, errors: {} }} />;
  });

  pages.post('setPassword', async (page) => {
    linkPage(page);
    const fields = formFields(page, cookies);
    const token = page.params.token ?? '';
    const ctx = page.context({ page: 'setPassword', params: { token } });
    const link = await accounts.passwordLinks.check(token);
    if (!link) {
      page.reply.code(410);
      return <SetPasswordPage ctx={ctx} view={{ token, userName: null, errors: {} }} />;
    }
    try {
      const userId = await accounts.passwordLinks.use(
        token,
        fieldValue(fields.password),
        fieldValue(fields.confirmation),
      );
      cookies.signIn(page.reply, await accounts.sessions.start(userId), await accounts.deviceToken(userId));
      cookies.notify(page.reply, 'passwordSet');
      return page.redirect('workspace');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, ['password', 'confirmation']);
      return <SetPasswordPage ctx={ctx} view={{ token, userName: link.userName, errors }} />;
    }
  });

  pages.get('profile', async (page) => {
    const user = await accounts.requireUser(page.params.name ?? '');
    const { page: number } = readSearchState({ page: page.query.page });
    const signedIn = page.actor.user !== null;
    const result = await catalog.search.search(
      page.actor,
      searchRequest({
        fq: [`creator_user_id:${user.id}`],
        sort: 'metadata_modified desc',
        rows: PAGE_SIZE,
        start: (number - 1) * PAGE_SIZE,
        includePrivate: signedIn,
        includeDrafts: signedIn,
      }),
    );
    const ctx = page.context({
      page: 'profile',
      params: { name: user.name },
      query: number > 1 ? `page=${number}` : undefined,
    });
    return <ProfilePage ctx={ctx} view={{ user, result, page: number }} />;
  });

  pages.post('signOut', async (page) => {
    formFields(page, cookies);
    const token = cookies.sessionToken(page.request);
    if (token) await accounts.sessions.end(token);
    cookies.signOut(page.reply);
    cookies.notify(page.reply, 'signedOut');
    return page.redirect('home');
  });

  pages.get('workspace', async (page) => {
    const user = signedInUser(page);
    const organizationIds = [...page.actor.memberships.keys()];
    const organizations = await catalog.groups.findByIds(organizationIds);
    const memberships = organizations
      .map((organization) => ({ organization, role: page.actor.memberships.get(organization.id) as Role }))
      .sort((a, b) => a.organization.title.fr.localeCompare(b.organization.title.fr, 'fr'));
    const { page: number } = readSearchState({ page: page.query.page });
    const sysadmin = isSysadmin(page.actor);
    const datasets: SearchResult =
      organizations.length === 0 && !sysadmin
        ? { count: 0, datasets: [], facets: {}, sort: '' }
        : await catalog.search.search(
            page.actor,
            searchRequest({
              fq: sysadmin
                ? []
                : [`organization:(${organizations.map((org) => `"${org.name}"`).join(' OR ')})`],
              sort: 'metadata_modified desc',
              rows: PAGE_SIZE,
              start: (number - 1) * PAGE_SIZE,
              includePrivate: true,
              includeDrafts: true,
            }),
          );
    const view = {
      userName: user.name,
      sysadmin,
      memberships,
      datasets,
      page: number,
      canPublish: sysadmin || memberships.some(({ role }) => roleAtLeast(role, 'editor')),
      verified: await deps.community.accounts.verified(user.id),
    };
    return (
      <WorkspacePage
        ctx={page.context({ page: 'workspace', query: number > 1 ? `page=${number}` : undefined })}
        view={view}
      />
    );
  });

  pages.get('tokens', async (page) => {
    const user = signedInUser(page);
    const tokens = await accounts.listTokens(page.actor, user.id);
    return (
      <TokensPage
        ctx={page.context({ page: 'tokens' })}
        view={{ tokens, created: null, name: '', errors: {} }}
      />
    );
  });

  pages.post('tokens', async (page) => {
    const user = signedInUser(page);
    const fields = formFields(page, cookies);
    if (fieldValue(fields.action) === 'revoke') {
      await accounts.revokeToken(page.actor, fieldValue(fields.token));
      cookies.notify(page.reply, 'tokenRevoked');
      return page.redirect('tokens');
    }
    const name = fieldValue(fields.name).trim();
    let created = null;
    let errors = {};
    try {
      const result = await accounts.createToken(page.actor, { user: user.id, name, expiresAt: null });
      created = { name: result.record.name, token: result.token };
      // The secret is in this response only: no cache may keep it.
      page.reply.header('Cache-Control', 'no-store');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = fieldErrorsOf(error.issues, page.locale, ['name']);
      page.reply.code(422);
    }
    const tokens = await accounts.listTokens(page.actor, user.id);
    const view = { tokens, created, name: created ? '' : name, errors };
    return <TokensPage ctx={page.context({ page: 'tokens' })} view={view} />;
  });
}
