import { ValidationError } from '../../../platform/http/errors.js';
import type { Actor } from '../../accounts/index.js';
import { linkPage, safeNext } from '../account/account.routes.js';
import { href } from '../i18n/paths.js';
import { fieldValue, formFields, type PageRoutes, signedInUser, type WebDeps } from '../shell/page-routes.js';
import { FollowsPage, type FollowsView, UnsubscribePage } from './follows.page.js';

const RECENT = 20;

/**
 * Following from any page (the follow form comes back to its page), the workspace's follows
 * page (what I follow, how often I am mailed, my private feed), and the digests' unsubscribe page.
 */
export function followPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { cookies } = deps;
  const { follows } = deps.community;

  async function view(actor: Actor): Promise<FollowsView> {
    const [list, settings, recent, verified] = await Promise.all([
      follows.list(actor),
      follows.settings(actor),
      follows.notifications(actor, RECENT),
      actor.user ? deps.accounts.selfService.verified(actor.user.id) : false,
    ]);
    return { follows: list, settings, recent, verified };
  }

  pages.post('follow', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const back = safeNext(fieldValue(fields.back)) ?? href(page.locale, 'follows');
    try {
      if (fieldValue(fields.action) === 'unfollow') {
        await follows.unfollow(page.actor, fieldValue(fields.id));
        cookies.notify(page.reply, 'fwUnfollowed');
      } else {
        await follows.follow(page.actor, {
          kind: fieldValue(fields.kind),
          target: fieldValue(fields.target),
        });
        cookies.notify(page.reply, 'fwFollowed');
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      cookies.notify(page.reply, 'fwNotFollowed');
    }
    return page.reply.redirect(back, 303);
  });

  pages.get('follows', async (page) => {
    signedInUser(page);
    // The page shows the private feed's secret address.
    page.reply.header('Cache-Control', 'no-store');
    return <FollowsPage ctx={page.context({ page: 'follows' })} view={await view(page.actor)} />;
  });

  pages.post('follows', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    switch (fieldValue(fields.action)) {
      case 'unfollow':
        await follows.unfollow(page.actor, fieldValue(fields.id));
        cookies.notify(page.reply, 'fwUnfollowed');
        break;
      case 'feed':
        await follows.replaceFeed(page.actor);
        cookies.notify(page.reply, 'fwFeedReplaced');
        break;
      default:
        await follows.setFrequency(page.actor, fieldValue(fields.frequency));
        cookies.notify(page.reply, 'fwSaved');
    }
    return page.redirect('follows');
  });

  pages.get('unsubscribe', async (page) => {
    linkPage(page);
    const known = await follows.knownUnsubscribe(page.params.token ?? '');
    if (!known) page.reply.code(404);
    return (
      <UnsubscribePage
        ctx={page.context({ page: 'unsubscribe', params: { token: page.params.token ?? '' } })}
        state={known ? 'ask' : 'unknown'}
        token={page.params.token ?? ''}
      />
    );
  });

  pages.post('unsubscribe', async (page) => {
    linkPage(page);
    formFields(page, cookies);
    const done = await follows.unsubscribe(page.params.token ?? '');
    if (!done) page.reply.code(404);
    return (
      <UnsubscribePage
        ctx={page.context({ page: 'unsubscribe', params: { token: page.params.token ?? '' } })}
        state={done ? 'done' : 'unknown'}
        token={page.params.token ?? ''}
      />
    );
  });
}
