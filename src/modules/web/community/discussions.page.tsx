import type { Thread, ThreadDetail } from '../../community/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { Honeypot, MessageItem } from './messages.js';

const signInHref = (ctx: PageContext, next: string) =>
  href(ctx.locale, 'signIn', {}, `next=${encodeURIComponent(next)}`);

/** A dataset's discussions, on its page: the threads, and a way to open one. */
export function DatasetDiscussions({
  ctx,
  name,
  threads,
  signedIn,
}: {
  ctx: PageContext;
  name: string;
  threads: Thread[];
  signedIn: boolean;
}) {
  const { t, locale } = ctx;
  const start = href(locale, 'newThread', { name });
  return (
    <section aria-labelledby="discussions">
      <h2 id="discussions">
        {t('dcTitle')} <span class="quai-count">({formatNumber(locale, threads.length)})</span>
      </h2>
      {threads.length === 0 ? <p>{t('dcNone')}</p> : null}
      <ul class="quai-thread-list">
        {threads.map((thread) => (
          <li key={thread.id}>
            <a href={href(locale, 'thread', { name, id: thread.id })}>{thread.title}</a>
            <span class="quai-meta">
              {' '}
              · {t('dcMessages', { count: thread.posts })}
              {thread.answered ? <span class="quai-badge quai-badge-official">{t('dcAnswered')}</span> : null}
              {thread.closed ? <span class="quai-badge">{t('dcClosed')}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      <p>
        {signedIn ? <a href={start}>{t('dcOpen')}</a> : <a href={signInHref(ctx, start)}>{t('dcSignIn')}</a>}
      </p>
    </section>
  );
}

export interface ThreadView {
  detail: ThreadDetail;
  datasetTitle: string;
  /** The reader's account id. */
  viewer: string | null;
  reply: { body: string; errors: FieldErrors };
}

/** A discussion: its messages (the publisher's marked), the reply form, closing, reports, moderation. */
export function ThreadPage({ ctx, view }: { ctx: PageContext; view: ThreadView }) {
  const { t, locale } = ctx;
  const { thread, dataset } = view.detail;
  const params = { name: dataset.name, id: thread.id };
  const hasErrors = Object.keys(view.reply.errors).length > 0;
  const back = { page: 'thread' as const, name: dataset.name, id: thread.id };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, thread.title, hasErrors)}
      breadcrumbs={[
        { label: view.datasetTitle, href: href(locale, 'dataset', { name: dataset.name }) },
        { label: t('dcTitle'), href: `${href(locale, 'dataset', { name: dataset.name })}#discussions` },
        { label: thread.title },
      ]}
    >
      <h1>
        {thread.title}
        {thread.closed ? <span class="quai-badge">{t('dcClosed')}</span> : null}
      </h1>
      <p class="quai-meta">
        {t('dcStartedBy', { name: thread.author.name, date: formatDate(locale, thread.created) })}
      </p>
      <ol class="quai-messages">
        {view.detail.posts.map((post) => (
          <MessageItem
            key={post.id}
            ctx={ctx}
            post={post}
            back={back}
            viewer={view.viewer}
            mayModerate={view.detail.mayModerate}
          />
        ))}
      </ol>
      {thread.closed ? (
        <p class="quai-callout">
          {t('dcClosedBy', { name: thread.closed.by, date: formatDate(locale, thread.closed.at) })}
        </p>
      ) : null}
      {view.detail.mayReply ? (
        <section aria-labelledby="repondre">
          <h2 id="repondre">{t('dcReply')}</h2>
          {view.detail.official ? <p class="quai-callout">{t('dcReplyOfficial')}</p> : null}
          <ErrorSummary
            ctx={ctx}
            errors={view.reply.errors}
            labels={{ body: t('dcFieldBody'), website: t('dcHoneypot') }}
          />
          <PostForm ctx={ctx} action={href(locale, 'replyThread', params)}>
            <TextArea
              ctx={ctx}
              name="body"
              label={t('dcFieldBody')}
              hint={t('dcFieldBodyHint')}
              errors={view.reply.errors}
              required
              value={view.reply.body}
              rows={5}
            />
            <Honeypot ctx={ctx} />
            <button type="submit" class="qc-button qc-primary">
              {t('dcReply')}
            </button>
          </PostForm>
        </section>
      ) : !view.viewer ? (
        <p>
          <a href={signInHref(ctx, href(locale, 'thread', params))}>{t('dcSignInReply')}</a>
        </p>
      ) : (
        <p>{t('dcClosedNotice')}</p>
      )}
      {view.detail.mayClose ? (
        <PostForm ctx={ctx} action={href(locale, 'closeThread', params)} class="quai-inline-form">
          <input type="hidden" name="closed" value={thread.closed ? 'non' : 'oui'} />
          <button type="submit" class="qc-button qc-secondary">
            {t(thread.closed ? 'dcReopen' : 'dcClose')}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}

export interface NewThreadView {
  dataset: { name: string; title: string };
  values: { title: string; body: string };
  errors: FieldErrors;
}

export function NewThreadPage({ ctx, view }: { ctx: PageContext; view: NewThreadView }) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(view.errors).length > 0;
  const labels = { title: t('dcFieldTitle'), body: t('dcFieldBody'), website: t('dcHoneypot') };
  const datasetHref = href(locale, 'dataset', { name: view.dataset.name });
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('dcNewTitle'), hasErrors)}
      breadcrumbs={[{ label: view.dataset.title, href: datasetHref }, { label: t('dcNewTitle') }]}
    >
      <div class="quai-narrow">
        <h1>{t('dcNewTitle')}</h1>
        <p>{t('dcNewLead')}</p>
        <ErrorSummary ctx={ctx} errors={view.errors} labels={labels} />
        <PostForm ctx={ctx} action={href(locale, 'newThread', { name: view.dataset.name })}>
          <TextField
            ctx={ctx}
            name="title"
            label={labels.title}
            errors={view.errors}
            required
            value={view.values.title}
          />
          <TextArea
            ctx={ctx}
            name="body"
            label={labels.body}
            hint={t('dcFieldBodyHint')}
            errors={view.errors}
            required
            value={view.values.body}
          />
          <Honeypot ctx={ctx} />
          <button type="submit" class="qc-button qc-primary">
            {t('dcSubmit')}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
