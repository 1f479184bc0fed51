import type { Post } from '../../community/index.js';
import { formatDate } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { fieldId, PostForm } from '../ui/form-fields.js';
import { renderUserMarkdown } from '../ui/markdown.js';

/** Where a message's report or moderation sends its reader back. */
export type MessageBack =
  | { page: 'thread'; name: string; id: string }
  | { page: 'consultation'; name: string };

const backFields = (back: MessageBack): Record<string, string> =>
  back.page === 'thread'
    ? { retour: 'thread', nom: back.name, fil: back.id }
    : { retour: 'consultation', nom: back.name };

const Hidden = ({ fields }: { fields: Record<string, string> }) => (
  <>
    {Object.entries(fields).map(([name, value]) => (
      <input key={name} type="hidden" name={name} value={value} />
    ))}
  </>
);

/**
 * The honeypot: a field people never see nor reach (off screen, out of the tab order, hidden
 * from assistive technologies); a robot that fills every field is refused.
 */
export function Honeypot({ ctx }: { ctx: PageContext }) {
  return (
    <div class="quai-hp" aria-hidden="true">
      <label for={fieldId('website')}>{ctx.t('dcHoneypot')}</label>
      <input id={fieldId('website')} name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
    </div>
  );
}

/** One message of a thread or a consultation: who, when, what; report; moderate. */
export function MessageItem({
  ctx,
  post,
  back,
  viewer,
  mayModerate,
  label,
}: {
  ctx: PageContext;
  post: Post;
  back: MessageBack;
  /** The reader's account id (they may report others' messages). */
  viewer: string | null;
  mayModerate: boolean;
  /** What it is about (a consultation's theme), shown before the text. */
  label?: string | undefined;
}) {
  const { t, locale } = ctx;
  const id = `message-${post.id}`;
  const classes = ['quai-message', post.official ? 'quai-official' : '', post.held ? 'quai-held' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={classes} id={id}>
      <article aria-labelledby={`${id}-qui`}>
        <p class="quai-meta" id={`${id}-qui`}>
          <strong>{post.author.name}</strong>
          {post.official ? <span class="quai-badge quai-badge-official">{t('dcOfficial')}</span> : null}{' '}
          <time datetime={post.created.toISOString()}>{formatDate(locale, post.created)}</time>
          {label ? ` · ${label}` : null}
        </p>
        {post.held ? <p class="quai-callout">{t('dcHeld')}</p> : null}
        {post.hiddenReason !== null ? (
          <p class="quai-callout">{t('dcHidden', { reason: post.hiddenReason })}</p>
        ) : null}
        {post.body !== null ? (
          // Markdown without raw HTML or images; links nofollow/ugc (ui/markdown.ts).
          <div class="quai-prose" dangerouslySetInnerHTML={{ __html: renderUserMarkdown(post.body) }} />
        ) : null}
        {mayModerate && post.reports > 0 ? (
          <p class="quai-meta">{t('dcReports', { count: post.reports })}</p>
        ) : null}
        {viewer && viewer !== post.author.id && !post.held && post.hiddenReason === null ? (
          <details class="quai-message-action">
            <summary>{t('dcReport')}</summary>
            <PostForm ctx={ctx} action={href(locale, 'reportMessage', { id: post.id })}>
              <Hidden fields={backFields(back)} />
              <label class="quai-label" for={`${id}-raison`}>
                {t('dcReportReason')}
              </label>
              <textarea
                class="quai-input quai-input-long"
                id={`${id}-raison`}
                name="reason"
                rows={2}
                required
              />
              <button type="submit" class="qc-button qc-secondary qc-compact">
                {t('dcReportSend')}
              </button>
            </PostForm>
          </details>
        ) : null}
        {mayModerate ? <ModerateMessage ctx={ctx} post={post} back={back} /> : null}
      </article>
    </li>
  );
}

function ModerateMessage({ ctx, post, back }: { ctx: PageContext; post: Post; back: MessageBack }) {
  const { t, locale } = ctx;
  const action = href(locale, 'moderateMessage', { id: post.id });
  const id = `moderer-${post.id}`;
  return (
    <details class="quai-message-action" open={post.held || post.reports > 0}>
      <summary>{t('dcModerate')}</summary>
      <div class="quai-moderate">
        {post.held ? (
          <PostForm ctx={ctx} action={action} class="quai-inline-form">
            <Hidden fields={{ ...backFields(back), action: 'release' }} />
            <button type="submit" class="qc-button qc-primary qc-compact">
              {t('dcRelease')}
            </button>
          </PostForm>
        ) : null}
        {post.hiddenReason === null ? (
          <PostForm ctx={ctx} action={action}>
            <Hidden fields={{ ...backFields(back), action: 'hide' }} />
            <label class="quai-label" for={`${id}-raison`}>
              {t('dcHideReason')}
            </label>
            <input
              class="quai-input quai-input-long"
              id={`${id}-raison`}
              name="reason"
              type="text"
              required
            />
            <button type="submit" class="qc-button qc-secondary qc-compact">
              {t('dcHide')}
            </button>
          </PostForm>
        ) : (
          <PostForm ctx={ctx} action={action} class="quai-inline-form">
            <Hidden fields={{ ...backFields(back), action: 'show' }} />
            <button type="submit" class="qc-button qc-secondary qc-compact">
              {t('dcShow')}
            </button>
          </PostForm>
        )}
      </div>
    </details>
  );
}
