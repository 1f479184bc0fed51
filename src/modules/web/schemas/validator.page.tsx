import type { StoredReport } from '../../schemas/index.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  type Choice,
  ErrorSummary,
  type FieldErrors,
  fieldId,
  formTitle,
  PostForm,
  SelectField,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { ReportErrors, ReportVerdict } from './report.js';

export const VALIDATOR_FIELDS = ['schema', 'file', 'url'] as const;

/** The public validator: a schema, and a file or a link. Nothing is published. */
export function ValidatorPage({
  ctx,
  choices,
  values,
  errors,
}: {
  ctx: PageContext;
  choices: Choice[];
  values: { schema: string; url: string };
  errors: FieldErrors;
}) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(errors).length > 0;
  const fileError = errors.file;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('valTitle'), hasErrors)}
      section="schemas"
      breadcrumbs={[{ label: t('schTitle'), href: href(locale, 'schemas') }, { label: t('valTitle') }]}
    >
      <h1>{t('valTitle')}</h1>
      <p class="quai-lead">{t('valLead')}</p>
      <ErrorSummary
        ctx={ctx}
        errors={errors}
        labels={{ schema: t('valSchema'), file: t('valFile'), url: t('valUrl') }}
      />
      <PostForm ctx={ctx} action={href(locale, 'validator')} multipart>
        <SelectField
          ctx={ctx}
          name="schema"
          label={t('valSchema')}
          hint={t('valSchemaHint')}
          errors={errors}
          required
          value={values.schema}
          choices={choices}
        />
        <fieldset class="quai-fieldset">
          <legend class="quai-label">{t('valSource')}</legend>
          <div class={`quai-field${fileError ? ' quai-field-invalid' : ''}`}>
            <label class="quai-label" for={fieldId('file')}>
              {t('valFile')}
            </label>
            <p class="quai-hint" id={`${fieldId('file')}-aide`}>
              {t('valFileHint')}
            </p>
            {fileError ? (
              <p class="quai-field-error" id={`${fieldId('file')}-erreur`}>
                <span class="quai-visually-hidden">{t('errorPrefix')} </span>
                {fileError}
              </p>
            ) : null}
            <input
              type="file"
              id={fieldId('file')}
              name="file"
              class="quai-file"
              accept=".csv,text/csv"
              aria-describedby={[`${fieldId('file')}-aide`, fileError ? `${fieldId('file')}-erreur` : null]
                .filter(Boolean)
                .join(' ')}
              aria-invalid={fileError ? 'true' : undefined}
            />
          </div>
          <TextField
            ctx={ctx}
            name="url"
            type="url"
            label={t('valUrl')}
            hint={t('valUrlHint')}
            errors={errors}
            value={values.url}
            size="long"
          />
        </fieldset>
        <button type="submit" class="qc-button qc-primary">
          {t('valSubmit')}
        </button>
      </PostForm>
    </Layout>
  );
}

/** A report of the validator: kept a day, at an address only its author knows. */
export function ReportPage({ ctx, stored }: { ctx: PageContext; stored: StoredReport }) {
  const { t, locale } = ctx;
  const { report } = stored;
  return (
    <Layout
      ctx={ctx}
      title={t('repTitle')}
      section="schemas"
      breadcrumbs={[
        { label: t('schTitle'), href: href(locale, 'schemas') },
        { label: t('valTitle'), href: href(locale, 'validator') },
        { label: t('repTitle') },
      ]}
    >
      <h1>{t('repTitle')}</h1>
      <p class="quai-lead">
        <span class="quai-break">{stored.source.name}</span> —{' '}
        <a href={href(locale, 'schema', { name: stored.schema.name })}>{stored.schema.name}</a>{' '}
        {stored.schema.version}
      </p>
      <ReportVerdict ctx={ctx} report={report} />
      <dl class="quai-metadata">
        <div>
          <dt>{t('repRows')}</dt>
          <dd>{formatNumber(locale, report.rows)}</dd>
        </div>
        <div>
          <dt>{t('repErrors')}</dt>
          <dd>{formatNumber(locale, report.errorCount)}</dd>
        </div>
        <div>
          <dt>{t('repCheckedOn')}</dt>
          <dd>{formatDateTime(locale, new Date(stored.createdAt))}</dd>
        </div>
        {stored.expiresAt ? (
          <div>
            <dt>{t('repExpires')}</dt>
            <dd>{formatDateTime(locale, new Date(stored.expiresAt))}</dd>
          </div>
        ) : null}
      </dl>
      <ReportErrors ctx={ctx} report={report} level={2} prefix="rapport" />
      <p>
        <a
          href={href(
            locale,
            'validator',
            {},
            `schema=${encodeURIComponent(`${stored.schema.name}@${stored.schema.version}`)}`,
          )}
        >
          {t('repAgain')}
        </a>
      </p>
    </Layout>
  );
}
