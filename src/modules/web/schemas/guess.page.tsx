import type { Localized } from '../../../platform/i18n/index.js';
import type { TableSchema } from '../../schemas/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  FormButtons,
  formTitle,
  PostForm,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { constraintsInWords, typeInWords } from './schema-words.js';

export const GUESS_FIELDS = [
  'name',
  'title_fr',
  'title_en',
  'description_fr',
  'description_en',
  'contact',
  'descriptor',
] as const;
export type GuessValues = Record<(typeof GUESS_FIELDS)[number], string>;

export interface GuessModel {
  dataset: { name: string; title: string };
  resource: { id: string; name: string };
  rows: number;
  proposed: TableSchema;
  notes: Record<string, Localized[]>;
  values: GuessValues;
  errors: FieldErrors;
}

/**
 * A schema proposed from a resource's file: each column's type and constraints in words with
 * why, and a form to edit the proposal and publish it as a new shared schema (version 1.0.0,
 * its example the file's first rows).
 */
export function GuessPage({ ctx, model }: { ctx: PageContext; model: GuessModel }) {
  const { t, locale } = ctx;
  const { errors, values } = model;
  const hasErrors = Object.keys(errors).length > 0;
  const params = { name: model.dataset.name, id: model.resource.id };
  const labels = {
    name: t('guessName'),
    title_fr: t('guessTitleFr'),
    title_en: t('guessTitleEn'),
    description_fr: t('guessDescriptionFr'),
    description_en: t('guessDescriptionEn'),
    contact: t('guessContact'),
    descriptor: t('guessDescriptor'),
  };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('guessTitle'), hasErrors)}
      section="search"
      breadcrumbs={[
        { label: model.dataset.title, href: href(locale, 'dataset', { name: model.dataset.name }) },
        { label: model.resource.name, href: href(locale, 'resource', params) },
        { label: t('guessTitle') },
      ]}
    >
      <h1>{t('guessTitle')}</h1>
      <p class="quai-lead">{t('guessLead', { rows: formatNumber(locale, model.rows) })}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <table class="quai-table">
        <caption>{t('guessColumns')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('repColumn')}</th>
            <th scope="col">{t('guessType')}</th>
            <th scope="col">{t('guessWhy')}</th>
          </tr>
        </thead>
        <tbody>
          {model.proposed.fields.map((field) => (
            <tr key={field.name}>
              <th scope="row">
                <code>{field.name}</code>
              </th>
              <td>{[typeInWords(t, field), ...constraintsInWords(t, field)].join(' ; ')}</td>
              <td>{(model.notes[field.name] ?? []).map((note) => note[locale]).join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.proposed.primaryKey ? (
        <p>{t('guessPrimaryKey', { field: String(model.proposed.primaryKey) })}</p>
      ) : null}
      <h2>{t('guessPublish')}</h2>
      <p>{t('guessPublishLead')}</p>
      <PostForm ctx={ctx} action={href(locale, 'resourceSchemaGuess', params)}>
        <TextField
          ctx={ctx}
          name="name"
          label={labels.name}
          hint={t('guessNameHint')}
          errors={errors}
          required
          value={values.name}
          size="short"
        />
        <TextField
          ctx={ctx}
          name="title_fr"
          label={labels.title_fr}
          errors={errors}
          required
          value={values.title_fr}
        />
        <TextField
          ctx={ctx}
          name="title_en"
          label={labels.title_en}
          errors={errors}
          required
          value={values.title_en}
        />
        <TextArea
          ctx={ctx}
          name="description_fr"
          label={labels.description_fr}
          errors={errors}
          required
          value={values.description_fr}
          rows={3}
          lang="fr"
        />
        <TextArea
          ctx={ctx}
          name="description_en"
          label={labels.description_en}
          errors={errors}
          required
          value={values.description_en}
          rows={3}
          lang="en"
        />
        <TextField
          ctx={ctx}
          name="contact"
          label={labels.contact}
          errors={errors}
          required
          value={values.contact}
          type="email"
          autocomplete="email"
        />
        <TextArea
          ctx={ctx}
          name="descriptor"
          label={labels.descriptor}
          hint={t('guessDescriptorHint')}
          errors={errors}
          required
          value={values.descriptor}
          rows={16}
        />
        <FormButtons
          submit={t('guessSubmit')}
          cancelHref={href(locale, 'resource', params)}
          cancel={t('guessBack')}
        />
      </PostForm>
    </Layout>
  );
}

/** When the file cannot be read: why, and the way back. */
export function GuessUnavailable({
  ctx,
  dataset,
  resource,
  reason,
}: {
  ctx: PageContext;
  dataset: { name: string; title: string };
  resource: { id: string; name: string };
  reason: string;
}) {
  const { t, locale } = ctx;
  const resourceHref = href(locale, 'resource', { name: dataset.name, id: resource.id });
  return (
    <Layout
      ctx={ctx}
      title={t('guessTitle')}
      section="search"
      breadcrumbs={[
        { label: dataset.title, href: href(locale, 'dataset', { name: dataset.name }) },
        { label: resource.name, href: resourceHref },
        { label: t('guessTitle') },
      ]}
    >
      <h1>{t('guessTitle')}</h1>
      <p>{t('guessUnavailable', { reason })}</p>
      <p>
        <a href={resourceHref}>{t('guessBack')}</a>
      </p>
    </Layout>
  );
}
