import type { Call, Reuse } from '../../community/index.js';
import { formatDate } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
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
import { renderMarkdown } from '../ui/markdown.js';
import { TYPE_LABELS } from './reuses.page.js';

export interface ReuseView {
  reuse: Reuse;
  /** Administrators moderate; its author (or an administrator) sends its image. */
  canModerate: boolean;
  canEdit: boolean;
  errors: FieldErrors;
}

/** A reuse: what it is, where to see it, the datasets it uses; moderation and its image. */
export function ReusePage({ ctx, view }: { ctx: PageContext; view: ReuseView }) {
  const { t, locale } = ctx;
  const { reuse } = view;
  const action = href(locale, 'reuse', { name: reuse.name });
  return (
    <Layout
      ctx={ctx}
      title={reuse.title}
      breadcrumbs={[{ label: t('ruTitle'), href: href(locale, 'reuses') }, { label: reuse.title }]}
    >
      <h1>{reuse.title}</h1>
      <p class="quai-lead">
        {t(TYPE_LABELS[reuse.type])} · {t('ruBy', { name: reuse.author.name })}
        {reuse.publishedAt ? ` · ${formatDate(locale, reuse.publishedAt)}` : ''}
      </p>
      {reuse.state === 'pending' ? <p class="quai-callout">{t('ruPending')}</p> : null}
      {reuse.state === 'refused' ? (
        <p class="quai-callout">{t('ruRefused', { reason: reuse.moderationReason ?? '' })}</p>
      ) : null}
      {reuse.image ? (
        <img class="quai-reuse-image" src={reuse.image} alt="" width={600} height={400} />
      ) : null}
      <div class="quai-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(reuse.description) }} />
      <p>
        <a class="qc-button qc-primary" href={reuse.url} rel="noopener nofollow ugc">
          {t('ruOpen')}
        </a>
      </p>
      {reuse.call ? (
        <p>
          <a href={href(locale, 'call', { name: reuse.call.name })}>
            {t('ruMadeFor', { title: reuse.call.title })}
          </a>
        </p>
      ) : null}
      <h2>{t('ruDatasets')}</h2>
      <ul>
        {reuse.datasets.map((dataset) => (
          <li key={dataset.id}>
            <a href={href(locale, 'dataset', { name: dataset.name })} lang="fr">
              {dataset.title}
            </a>
          </li>
        ))}
      </ul>
      {reuse.topics.length > 0 ? (
        <>
          <h2>{t('ruTopics')}</h2>
          <ul class="quai-tags">
            {reuse.topics.map((topic) => (
              <li key={topic}>
                <a href={href(locale, 'reuses', {}, `sujet=${encodeURIComponent(topic)}`)}>{topic}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {view.canEdit ? (
        <p>
          <a class="qc-button qc-secondary" href={href(locale, 'editReuse', { name: view.reuse.name })}>
            {t('ruEdit')}
          </a>
        </p>
      ) : null}
      {view.canEdit ? (
        <section aria-labelledby="image-reutilisation">
          <h2 id="image-reutilisation">{t('ruImage')}</h2>
          <ErrorSummary ctx={ctx} errors={view.errors} labels={{ image: t('ruImage') }} />
          <PostForm ctx={ctx} action={action} multipart>
            <input type="hidden" name="action" value="image" />
            <div class={`quai-field${view.errors.image ? ' quai-field-invalid' : ''}`}>
              <label class="quai-label" for="champ-image">
                {t('ruImage')}
              </label>
              <p class="quai-hint" id="champ-image-aide">
                {t('ruImageHint')}
              </p>
              {view.errors.image ? (
                <p class="quai-error" id="champ-image-erreur">
                  {view.errors.image}
                </p>
              ) : null}
              <input
                type="file"
                id="champ-image"
                name="image"
                accept="image/jpeg,image/png,image/webp"
                aria-describedby={
                  view.errors.image ? 'champ-image-aide champ-image-erreur' : 'champ-image-aide'
                }
                aria-invalid={view.errors.image ? 'true' : undefined}
              />
            </div>
            <button type="submit" class="qc-button qc-secondary">
              {t('ruAddImage')}
            </button>
          </PostForm>
        </section>
      ) : null}
      {view.canModerate && reuse.state !== 'published' ? (
        <section aria-labelledby="moderation">
          <h2 id="moderation">{t('ruModerate')}</h2>
          <PostForm ctx={ctx} action={action} class="quai-inline-form">
            <input type="hidden" name="action" value="published" />
            <button type="submit" class="qc-button qc-primary">
              {t('ruPublish')}
            </button>
          </PostForm>
          <PostForm ctx={ctx} action={action}>
            <input type="hidden" name="action" value="refused" />
            <TextField ctx={ctx} name="reason" label={t('ruReason')} errors={view.errors} value="" />
            <button type="submit" class="qc-button qc-secondary">
              {t('ruRefuse')}
            </button>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

export interface NewReuseView {
  values: {
    title: string;
    description: string;
    type: string;
    url: string;
    datasets: string;
    topics: string;
    call: string;
  };
  calls: Call[];
  errors: FieldErrors;
  /** The reuse edited (its name), or null for a new one. */
  editing?: string | null;
}

/** The form that shows a reuse (its image comes after, on its page). */
export function NewReusePage({ ctx, view }: { ctx: PageContext; view: NewReuseView }) {
  const { t, locale } = ctx;
  const { values, errors } = view;
  const labels: Record<string, string> = {
    title: t('ruFieldTitle'),
    description: t('ruFieldDescription'),
    type: t('ruType'),
    url: t('ruFieldUrl'),
    datasets: t('ruFieldDatasets'),
    topics: t('ruFieldTopics'),
    call: t('ruFieldCall'),
  };
  const hasErrors = Object.keys(errors).length > 0;
  const heading = t(view.editing ? 'ruEditTitle' : 'ruNewTitle');
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, heading, hasErrors)}
      breadcrumbs={[{ label: t('ruTitle'), href: href(locale, 'reuses') }, { label: heading }]}
    >
      <h1>{heading}</h1>
      <p>{t(view.editing ? 'ruEditLead' : 'ruNewLead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <PostForm
        ctx={ctx}
        action={view.editing ? href(locale, 'editReuse', { name: view.editing }) : href(locale, 'newReuse')}
      >
        <TextField
          ctx={ctx}
          name="title"
          label={labels.title as string}
          errors={errors}
          value={values.title}
          required
        />
        <TextArea
          ctx={ctx}
          name="description"
          label={labels.description as string}
          hint={t('ruFieldDescriptionHint')}
          errors={errors}
          value={values.description}
          required
        />
        <div class={`quai-field${errors.type ? ' quai-field-invalid' : ''}`}>
          <label class="quai-label" for="champ-type">
            {labels.type}
          </label>
          {errors.type ? (
            <p class="quai-error" id="champ-type-erreur">
              {errors.type}
            </p>
          ) : null}
          <select
            class="quai-input quai-select"
            id="champ-type"
            name="type"
            aria-describedby={errors.type ? 'champ-type-erreur' : undefined}
          >
            {Object.entries(TYPE_LABELS).map(([type, label]) => (
              <option key={type} value={type} selected={values.type === type}>
                {t(label as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          ctx={ctx}
          name="url"
          label={labels.url as string}
          hint={t('ruFieldUrlHint')}
          errors={errors}
          value={values.url}
          type="url"
          required
          spellcheck={false}
        />
        <TextField
          ctx={ctx}
          name="datasets"
          label={labels.datasets as string}
          hint={t('ruFieldDatasetsHint')}
          errors={errors}
          value={values.datasets}
          required
          spellcheck={false}
        />
        <TextField
          ctx={ctx}
          name="topics"
          label={labels.topics as string}
          hint={t('ruFieldTopicsHint')}
          errors={errors}
          value={values.topics}
        />
        <div class="quai-field">
          <label class="quai-label" for="champ-call">
            {labels.call}
          </label>
          <select class="quai-input quai-select" id="champ-call" name="call">
            <option value="">{t('ruNoCall')}</option>
            {view.calls.map((call) => (
              <option key={call.name} value={call.name} selected={values.call === call.name}>
                {call.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="qc-button qc-primary">
          {t('ruSend')}
        </button>
      </PostForm>
    </Layout>
  );
}
