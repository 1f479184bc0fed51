import type { Consultation, ConsultationState, ConsultationTheme, Post } from '../../community/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { excerpt, renderMarkdown } from '../ui/markdown.js';
import { Honeypot, MessageItem } from './messages.js';

const STATES: Record<ConsultationState, MessageKey> = {
  upcoming: 'csStateUpcoming',
  open: 'csStateOpen',
  closed: 'csStateClosed',
  concluded: 'csStateConcluded',
};

function StateBadge({ ctx, state }: { ctx: PageContext; state: ConsultationState }) {
  return <span class={`quai-badge quai-consultation-${state}`}>{ctx.t(STATES[state])}</span>;
}

const period = (ctx: PageContext, consultation: Consultation) =>
  ctx.t('csPeriod', {
    from: formatDate(ctx.locale, consultation.opensAt),
    to: formatDate(ctx.locale, consultation.closesAt),
  });

/** Every consultation, the latest first. */
export function ConsultationsPage({
  ctx,
  view,
}: {
  ctx: PageContext;
  view: { consultations: Consultation[]; mayCreate: boolean };
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('csTitle')} breadcrumbs={[{ label: t('csTitle') }]}>
      <h1>{t('csTitle')}</h1>
      <p>{t('csLead')}</p>
      {view.mayCreate ? (
        <p>
          <a class="qc-button qc-secondary" href={href(locale, 'newConsultation')}>
            {t('csNew')}
          </a>
        </p>
      ) : null}
      {view.consultations.length === 0 ? <p>{t('csNone')}</p> : null}
      <ul class="quai-request-list">
        {view.consultations.map((consultation) => (
          <li key={consultation.id}>
            <h2 class="quai-h-small">
              <a href={href(locale, 'consultation', { name: consultation.name })}>{consultation.title}</a>
            </h2>
            <p class="quai-meta">
              <StateBadge ctx={ctx} state={consultation.state} /> {period(ctx, consultation)} ·{' '}
              {t('csComments', { count: formatNumber(locale, consultation.comments) })}
            </p>
            <p>{excerpt(consultation.description)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface ConsultationView {
  consultation: Consultation;
  themes: ConsultationTheme[];
  comments: Post[];
  /** The reader's account id. */
  viewer: string | null;
  mayComment: boolean;
  administers: boolean;
  comment: { values: { body: string; theme: string }; errors: FieldErrors };
  conclusion: { values: { summary: string; answers: Record<string, string> }; errors: FieldErrors };
}

/** A consultation: the proposal, its themes (with their answers at the end), comments, the forms. */
export function ConsultationPage({ ctx, view }: { ctx: PageContext; view: ConsultationView }) {
  const { t, locale } = ctx;
  const { consultation, themes } = view;
  const name = consultation.name;
  const back = { page: 'consultation' as const, name };
  const errors = { ...view.comment.errors, ...view.conclusion.errors };
  const themeLabel = (theme: ConsultationTheme) =>
    t('csTheme', { position: theme.position, title: theme.title });
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, consultation.title, Object.keys(errors).length > 0)}
      breadcrumbs={[
        { label: t('csTitle'), href: href(locale, 'consultations') },
        { label: consultation.title },
      ]}
    >
      <h1>{consultation.title}</h1>
      <p class="quai-meta">
        <StateBadge ctx={ctx} state={consultation.state} /> {period(ctx, consultation)}
      </p>
      {consultation.summary ? (
        <section aria-labelledby="synthese" class="quai-callout quai-callout-success">
          <h2 id="synthese">{t('csSummary')}</h2>
          <div
            class="quai-prose"
            dangerouslySetInnerHTML={{ __html: renderMarkdown(consultation.summary) }}
          />
        </section>
      ) : null}
      <div
        class="quai-prose"
        dangerouslySetInnerHTML={{ __html: renderMarkdown(consultation.description) }}
      />

      <section aria-labelledby="themes">
        <h2 id="themes">{t('csThemes')}</h2>
        {themes.map((theme) => {
          const comments = view.comments.filter((post) => post.themeId === theme.id);
          return (
            <section key={theme.id} aria-labelledby={`theme-${theme.position}`} class="quai-theme">
              <h3 id={`theme-${theme.position}`}>{themeLabel(theme)}</h3>
              {theme.description ? <p>{theme.description}</p> : null}
              {theme.answer ? (
                <div class="quai-official quai-answer">
                  <h4>{t('csAnswer')}</h4>
                  <div
                    class="quai-prose"
                    dangerouslySetInnerHTML={{ __html: renderMarkdown(theme.answer) }}
                  />
                </div>
              ) : null}
              <p class="quai-meta">{t('csComments', { count: formatNumber(locale, comments.length) })}</p>
              <ol class="quai-messages">
                {comments.map((post) => (
                  <MessageItem
                    key={post.id}
                    ctx={ctx}
                    post={post}
                    back={back}
                    viewer={view.viewer}
                    mayModerate={view.administers}
                  />
                ))}
              </ol>
            </section>
          );
        })}
        <section aria-labelledby="general" class="quai-theme">
          <h3 id="general">{t('csGeneral')}</h3>
          {view.comments.some((post) => post.themeId === null) ? null : <p>{t('csNoComment')}</p>}
          <ol class="quai-messages">
            {view.comments
              .filter((post) => post.themeId === null)
              .map((post) => (
                <MessageItem
                  key={post.id}
                  ctx={ctx}
                  post={post}
                  back={back}
                  viewer={view.viewer}
                  mayModerate={view.administers}
                />
              ))}
          </ol>
        </section>
      </section>

      <CommentForm ctx={ctx} view={view} />
      {view.administers ? <AdministerConsultation ctx={ctx} view={view} /> : null}
    </Layout>
  );
}

function CommentForm({ ctx, view }: { ctx: PageContext; view: ConsultationView }) {
  const { t, locale } = ctx;
  const name = view.consultation.name;
  if (view.consultation.state !== 'open') return <p class="quai-callout">{t('csNotOpen')}</p>;
  if (!view.viewer)
    return (
      <p>
        <a
          href={href(
            locale,
            'signIn',
            {},
            `next=${encodeURIComponent(href(locale, 'consultation', { name }))}`,
          )}
        >
          {t('csSignIn')}
        </a>
      </p>
    );
  const labels = { theme: t('csCommentTheme'), body: t('dcFieldBody'), website: t('dcHoneypot') };
  return (
    <section aria-labelledby="commenter">
      <h2 id="commenter">{t('csCommentTitle')}</h2>
      <ErrorSummary ctx={ctx} errors={view.comment.errors} labels={labels} />
      <PostForm ctx={ctx} action={href(locale, 'commentConsultation', { name })}>
        <SelectField
          ctx={ctx}
          name="theme"
          label={labels.theme}
          errors={view.comment.errors}
          value={view.comment.values.theme}
          choices={[
            { value: '', label: t('csGeneral') },
            ...view.themes.map((theme) => ({
              value: String(theme.position),
              label: t('csTheme', { position: theme.position, title: theme.title }),
            })),
          ]}
        />
        <TextArea
          ctx={ctx}
          name="body"
          label={labels.body}
          hint={t('dcFieldBodyHint')}
          errors={view.comment.errors}
          required
          value={view.comment.values.body}
          rows={5}
        />
        <Honeypot ctx={ctx} />
        <button type="submit" class="qc-button qc-primary">
          {t('csCommentSend')}
        </button>
      </PostForm>
    </section>
  );
}

/** The administrators' part: end the period now; publish the summary and the answers. */
function AdministerConsultation({ ctx, view }: { ctx: PageContext; view: ConsultationView }) {
  const { t, locale } = ctx;
  const name = view.consultation.name;
  if (view.consultation.state === 'open')
    return (
      <PostForm ctx={ctx} action={href(locale, 'closeConsultation', { name })} class="quai-inline-form">
        <button type="submit" class="qc-button qc-secondary">
          {t('csCloseNow')}
        </button>
      </PostForm>
    );
  if (view.consultation.state !== 'closed') return null;
  const { values, errors } = view.conclusion;
  const labels: Record<string, string> = { summary: t('csFieldSummary') };
  for (const theme of view.themes)
    labels[`answers.${theme.position}`] = t('csFieldAnswer', {
      position: theme.position,
      title: theme.title,
    });
  return (
    <section aria-labelledby="conclure">
      <h2 id="conclure">{t('csConclude')}</h2>
      <p>{t('csConcludeLead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <PostForm ctx={ctx} action={href(locale, 'concludeConsultation', { name })}>
        <TextArea
          ctx={ctx}
          name="summary"
          label={labels.summary as string}
          errors={errors}
          required
          value={values.summary}
        />
        {view.themes.map((theme) => (
          <TextArea
            key={theme.id}
            ctx={ctx}
            name={`answers.${theme.position}`}
            label={labels[`answers.${theme.position}`] as string}
            errors={errors}
            required
            rows={3}
            value={values.answers[String(theme.position)] ?? ''}
          />
        ))}
        <button type="submit" class="qc-button qc-primary">
          {t('csConclude')}
        </button>
      </PostForm>
    </section>
  );
}

export interface NewConsultationView {
  values: { title: string; description: string; opens: string; closes: string; themes: string };
  errors: FieldErrors;
}

export function NewConsultationPage({ ctx, view }: { ctx: PageContext; view: NewConsultationView }) {
  const { t, locale } = ctx;
  const labels = {
    title: t('csFieldTitle'),
    description: t('csFieldDescription'),
    opens_at: t('csFieldOpens'),
    closes_at: t('csFieldCloses'),
    themes: t('csFieldThemes'),
  };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('csNew'), Object.keys(view.errors).length > 0)}
      breadcrumbs={[{ label: t('csTitle'), href: href(locale, 'consultations') }, { label: t('csNew') }]}
    >
      <div class="quai-narrow">
        <h1>{t('csNew')}</h1>
        <ErrorSummary ctx={ctx} errors={view.errors} labels={labels} />
        <PostForm ctx={ctx} action={href(locale, 'newConsultation')}>
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
            name="description"
            label={labels.description}
            hint={t('csFieldDescriptionHint')}
            errors={view.errors}
            required
            value={view.values.description}
          />
          <TextField
            ctx={ctx}
            name="opens_at"
            type="date"
            size="short"
            label={labels.opens_at}
            errors={view.errors}
            required
            value={view.values.opens}
          />
          <TextField
            ctx={ctx}
            name="closes_at"
            type="date"
            size="short"
            label={labels.closes_at}
            errors={view.errors}
            required
            value={view.values.closes}
          />
          <TextArea
            ctx={ctx}
            name="themes"
            label={labels.themes}
            hint={t('csFieldThemesHint')}
            errors={view.errors}
            required
            rows={4}
            value={view.values.themes}
          />
          <button type="submit" class="qc-button qc-primary">
            {t('csCreate')}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
