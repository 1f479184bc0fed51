import type { Group } from '../../catalog/index.js';
import type { HarvestRun, HarvestSource, ItemAction } from '../../harvest/index.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ChoiceGroup, ErrorSummary, type FieldErrors, formTitle, PostForm } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { kindChoices, SourceFields, sourceLabels } from './sources.page.js';

export const ACTION_LABELS: Record<ItemAction | 'pending', MessageKey> = {
  created: 'hvCreated',
  updated: 'hvUpdated',
  unchanged: 'hvUnchanged',
  withdrawn: 'hvWithdrawn',
  restored: 'hvRestored',
  merged: 'hvMerged',
  error: 'hvErrors',
  pending: 'hvPending',
};

const STATUS_LABELS: Record<HarvestRun['status'], MessageKey> = {
  queued: 'hvStatusQueued',
  running: 'hvStatusRunning',
  succeeded: 'hvStatusSucceeded',
  failed: 'hvStatusFailed',
};

/** "12 created, 3 updated…": only the outcomes that happened. */
export function countsText(ctx: PageContext, run: HarvestRun): string {
  return (Object.keys(ACTION_LABELS) as (keyof typeof ACTION_LABELS)[])
    .filter((action) => run.counts[action] > 0)
    .map((action) => `${formatNumber(ctx.locale, run.counts[action])} ${ctx.t(ACTION_LABELS[action])}`)
    .join(', ');
}

export function statusText(ctx: PageContext, run: HarvestRun): string {
  return `${run.dryRun ? `${ctx.t('hvTestRun')} — ` : ''}${ctx.t(STATUS_LABELS[run.status])}`;
}

/** The edit form's state: the source's values, or what was sent with its errors. */
export interface SourceForm {
  organizations: Group[];
  values: Record<string, string>;
  errors: FieldErrors;
}

/** A source: what it reads, the buttons that test and run it, its latest runs, its edit form. */
export function SourcePage({
  ctx,
  source,
  organization,
  runs,
  form,
}: {
  ctx: PageContext;
  source: HarvestSource;
  organization: Group | null;
  runs: HarvestRun[];
  form: SourceForm;
}) {
  const { t, locale } = ctx;
  const action = href(locale, 'harvestSource', { name: source.name });
  const hasErrors = Object.keys(form.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, source.title, hasErrors)}
      breadcrumbs={[
        { label: t('workspaceTitle'), href: href(locale, 'workspace') },
        { label: t('hvTitle'), href: href(locale, 'harvestSources') },
        { label: source.title },
      ]}
    >
      <h1>{source.title}</h1>
      <dl class="quai-facts">
        <dt>{t('hvKind')}</dt>
        <dd>{kindChoices(ctx).find((kind) => kind.value === source.kind)?.label}</dd>
        <dt>{t('hvUrl')}</dt>
        <dd>
          <a href={source.url}>{source.url}</a>
        </dd>
        <dt>{t('hvOrganization')}</dt>
        <dd>
          {organization ? (
            <a href={href(locale, 'organization', { name: organization.name })}>
              <Text value={pickTitle(locale, organization.title)} />
            </a>
          ) : null}
        </dd>
        <dt>{t('hvSchedule')}</dt>
        <dd>{source.schedule ?? t('hvByHand')}</dd>
        <dt>{t('hvFiles')}</dt>
        <dd>{t(source.mirror ? 'hvMirrored' : 'hvLinked')}</dd>
        {source.nextRunAt ? (
          <>
            <dt>{t('hvNextRun')}</dt>
            <dd>{formatDateTime(locale, new Date(source.nextRunAt))}</dd>
          </>
        ) : null}
        {source.filters.organization ? (
          <>
            <dt>{t('hvFilterOrganization')}</dt>
            <dd>{source.filters.organization}</dd>
          </>
        ) : null}
        {source.filters.tag ? (
          <>
            <dt>{t('hvFilterTag')}</dt>
            <dd>{source.filters.tag}</dd>
          </>
        ) : null}
      </dl>
      <div class="quai-actions">
        <PostForm ctx={ctx} action={action}>
          <input type="hidden" name="action" value="test" />
          <button type="submit" class="qc-button qc-secondary">
            {t('hvTest')}
          </button>
        </PostForm>
        <PostForm ctx={ctx} action={action}>
          <input type="hidden" name="action" value="run" />
          <button type="submit" class="qc-button qc-primary">
            {t('hvRunNow')}
          </button>
        </PostForm>
      </div>
      <section aria-labelledby="executions">
        <h2 id="executions">{t('hvRuns')}</h2>
        {runs.length === 0 ? (
          <p>{t('hvNoRuns')}</p>
        ) : (
          <ScrollRegion labelledBy="liste-executions">
            <table class="quai-table">
              <caption id="liste-executions" class="quai-visually-hidden">
                {t('hvRuns')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('hvWhen')}</th>
                  <th scope="col">{t('hvStatus')}</th>
                  <th scope="col">{t('hvReport')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <th scope="row">
                      <a href={href(locale, 'harvestRun', { name: source.name, id: run.id })}>
                        {formatDateTime(locale, new Date(run.created))}
                      </a>
                    </th>
                    <td>{statusText(ctx, run)}</td>
                    <td>{run.error ? t('hvFailedBecause', { error: run.error }) : countsText(ctx, run)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="modifier-source">
        <h2 id="modifier-source">{t('hvEdit')}</h2>
        <ErrorSummary
          ctx={ctx}
          errors={form.errors}
          labels={{ ...sourceLabels(ctx), confirm: t('hvDeleteConfirmLegend') }}
        />
        <PostForm ctx={ctx} action={action}>
          <input type="hidden" name="action" value="save" />
          <SourceFields
            ctx={ctx}
            organizations={form.organizations}
            errors={form.errors}
            values={form.values}
          />
          <button type="submit" class="qc-button qc-primary">
            {t('hvSave')}
          </button>
        </PostForm>
      </section>
      <section aria-labelledby="supprimer-source">
        <h2 id="supprimer-source">{t('hvDelete')}</h2>
        <p>{t('hvDeleteLead')}</p>
        <PostForm ctx={ctx} action={action}>
          <input type="hidden" name="action" value="delete" />
          <ChoiceGroup
            ctx={ctx}
            name="confirm"
            label={t('hvDeleteConfirmLegend')}
            errors={form.errors}
            required
            type="checkbox"
            values={[]}
            choices={[{ value: 'oui', label: t('hvDeleteConfirm') }]}
          />
          <button type="submit" class="qc-button qc-secondary">
            {t('hvDelete')}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}
