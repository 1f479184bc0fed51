import type { Actor } from '../../accounts/index.js';
import type { Follow, FollowsService } from '../../community/index.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { PostForm } from '../ui/form-fields.js';

type FollowKind = Follow['kind'];

/** What a page needs to show its follow button: the person's follow of the thing, if any. */
export interface FollowState {
  kind: FollowKind;
  /** The thing's reference as the follow form sends it (a name, words, an id, a NEQ). */
  target: string;
  follow: Follow | null;
  /** The page's own address, to come back to. */
  back: string;
}

/** Reads the person's follow of a thing for its page (nothing to read for visitors). */
export async function followState(
  follows: FollowsService,
  actor: Actor,
  kind: FollowKind,
  target: string,
  back: string,
): Promise<FollowState> {
  return { kind, target, back, follow: await follows.followOf(actor, kind, target) };
}

/**
 * "Follow" or "Stop following": a small form to the follow page, which comes back here; for a
 * visitor, a link to sign in that comes back here too.
 */
export function FollowControl({
  ctx,
  state,
  label,
  what,
}: {
  ctx: PageContext;
  state: FollowState;
  /** The button's visible words ("Follow", "Follow this search"). */
  label?: string;
  /** What is followed, for the button's full name. */
  what: string;
}) {
  const { t, locale } = ctx;
  if (!ctx.actor.user)
    return (
      <p class="quai-follow">
        <a href={href(locale, 'signIn', {}, `next=${encodeURIComponent(state.back)}`)}>
          {t('fwSignInToFollow')}
        </a>
      </p>
    );
  const following = state.follow !== null;
  return (
    <PostForm ctx={ctx} action={href(locale, 'follow')} class="quai-follow quai-inline-form">
      <input type="hidden" name="back" value={state.back} />
      {following ? (
        <>
          <input type="hidden" name="action" value="unfollow" />
          <input type="hidden" name="id" value={state.follow?.id ?? ''} />
        </>
      ) : (
        <>
          <input type="hidden" name="action" value="follow" />
          <input type="hidden" name="kind" value={state.kind} />
          <input type="hidden" name="target" value={state.target} />
        </>
      )}
      <button
        type="submit"
        class={`qc-button ${following ? 'qc-secondary' : 'qc-primary'} qc-compact`}
        aria-label={
          following
            ? t('fwUnfollowWhat', { label: what })
            : label
              ? `${label} : ${what}`
              : t('fwFollowWhat', { label: what })
        }
      >
        {following ? t('fwUnfollow') : (label ?? t('fwFollow'))}
      </button>
    </PostForm>
  );
}
