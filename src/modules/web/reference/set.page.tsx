import type { ComponentChild } from 'preact';
import { findFrequency } from '../../catalog/index.js';
import type { SetDefinition } from '../../reference/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { SelectField, TextField } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { Text } from '../ui/localized.js';
import { Pagination } from '../ui/pagination.js';
import {
  AttributeCell,
  CodeLink,
  DataTable,
  day,
  entityName,
  FictitiousBadge,
  VersionHistory,
} from './reference-parts.js';
import { REFERENCE_PAGE_SIZE, referenceQueryString } from './reference-search-state.js';
import type { SetPageView } from './reference-views.js';

/** A reference set: what it is, a search of its codes, its versions, commitment and source. */
export function SetPage({ ctx, view }: { ctx: PageContext; view: SetPageView }) {
  const { t, locale } = ctx;
  const { set, current } = view;
  const title = set.title[locale];
  return (
    <Layout
      ctx={ctx}
      title={title}
      section="referenceSets"
      breadcrumbs={[{ label: t('refTitle'), href: href(locale, 'referenceSets') }, { label: title }]}
    >
      <h1>
        {title}
        {current?.fictitious ? <FictitiousBadge ctx={ctx} /> : null}
      </h1>
      <p class="quai-lead">{set.description[locale]}</p>
      {current?.fictitious ? (
        <div class="quai-callout quai-callout-warning">
          <p>{t('refFictitiousNotice', { label: current.label })}</p>
        </div>
      ) : null}
      <dl class="quai-facts">
        <div>
          <dt>{t('refEntityType')}</dt>
          <dd>{set.entityType[locale]}</dd>
        </div>
        <div>
          <dt>{t('refScheme')}</dt>
          <dd>
            {set.scheme.name[locale]} (<code>{set.scheme.pattern}</code>)
          </dd>
        </div>
        <div>
          <dt>{t('refCurrentVersion')}</dt>
          <dd>
            {current
              ? t('refVersionOf', { label: current.label, date: day(locale, current.referenceDate) })
              : t('refNoVersion')}
          </dd>
        </div>
      </dl>
      <p>{t('refNoteText', { note: set.source.note[locale] })}</p>
      <SearchForm ctx={ctx} view={view} />
      <Results ctx={ctx} view={view} />
      <h2 id="versions-titre">{t('refVersions')}</h2>
      {view.versions.length === 0 ? (
        <p>{t('refNoVersion')}</p>
      ) : (
        <VersionHistory ctx={ctx} set={set} versions={view.versions} />
      )}
      {set.external ? <p>{t('refNoFiles')}</p> : null}
      <Commitment ctx={ctx} set={set} />
      <h2>{t('refSource')}</h2>
      <dl class="quai-metadata">
        <div>
          <dt>{t('refSourceName')}</dt>
          <dd>
            <a href={set.source.url} lang={locale === 'en' ? 'fr' : undefined}>
              {set.source.title}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('refLicence')}</dt>
          <dd>{set.source.licence === 'public-facts' ? t('refLicencePublicFacts') : set.source.licence}</dd>
        </div>
      </dl>
      <p>
        <a href={`/api/v1/reference/${encodeURIComponent(set.id)}`}>{t('refApiLink')}</a>
      </p>
    </Layout>
  );
}

function SearchForm({ ctx, view }: { ctx: PageContext; view: SetPageView }) {
  const { t, locale } = ctx;
  const { set, state } = view;
  const field = { ctx, errors: {} };
  return (
    <search>
      <h2 id="chercher">{t('refSearch')}</h2>
      <form method="get" action={href(locale, 'referenceSet', { set: set.id })} class="quai-tender-form">
        <TextField
          {...field}
          name="q"
          label={t('refSearchLabel')}
          hint={set.external ? t('refExternalSearchHint') : t('refSearchHint')}
          value={state.q}
        />
        {set.external ? null : (
          <div class="quai-field-row">
            <SelectField
              {...field}
              name="status"
              label={t('refStatusFilter')}
              value={state.status}
              choices={[
                { value: '', label: t('refStatusAll') },
                { value: 'current', label: t('refStatusCurrentOnly') },
              ]}
            />
            {view.filters.map(({ attribute, choices, example }) =>
              choices ? (
                <SelectField
                  {...field}
                  key={attribute.name}
                  name={attribute.name}
                  label={attribute.title[locale]}
                  value={state.filters[attribute.name] ?? ''}
                  choices={[{ value: '', label: t('refAny') }, ...choices]}
                />
              ) : (
                <TextField
                  {...field}
                  key={attribute.name}
                  name={attribute.name}
                  label={attribute.title[locale]}
                  hint={t('refExactHint', { example })}
                  value={state.filters[attribute.name] ?? ''}
                  size="short"
                />
              ),
            )}
          </div>
        )}
        <button type="submit" class="qc-button qc-primary">
          {t('refSearchButton')}
        </button>
      </form>
    </search>
  );
}

function Results({ ctx, view }: { ctx: PageContext; view: SetPageView }) {
  const { t, locale } = ctx;
  const { set, results, state } = view;
  if (!results) return set.external ? <p>{t('refExternalAsk')}</p> : null;
  const count = set.external
    ? results.entities.length === 0
      ? t('refNoResult')
      : t('refBestResults')
    : results.total === 0
      ? t('refNoResult')
      : results.total === 1
        ? t('refResultOne')
        : t('refResultCount', { count: formatNumber(locale, results.total) });
  const pages = set.external ? 1 : Math.max(1, Math.ceil(results.total / REFERENCE_PAGE_SIZE));
  return (
    <>
      <h2 id="resultats">{t('refResults')}</h2>
      <p role="status" class="quai-count">
        {count}
      </p>
      {results.entities.length > 0 ? (
        <DataTable
          id="codes"
          caption={t('refResults')}
          hiddenCaption
          head={[
            t('refCode'),
            t('refName'),
            ...view.columns.map((a) => a.title[locale]),
            // The registry's own status says it for the external set.
            ...(set.external ? [] : [t('refStatus')]),
          ]}
          rows={results.entities.map((entity) => ({
            key: entity.code,
            cells: [
              <CodeLink ctx={ctx} set={set.id} code={entity.code} />,
              <Text value={entityName(locale, entity)} />,
              ...view.columns.map((attribute) => (
                <AttributeCell
                  ctx={ctx}
                  attribute={attribute}
                  value={entity.attributes[attribute.name]}
                  names={view.names}
                />
              )),
              ...(set.external
                ? []
                : [
                    entity.status === 'retired'
                      ? t('refRetiredOn', { date: day(locale, entity.validTo) })
                      : t('refStatusCurrent'),
                  ]),
            ],
          }))}
        />
      ) : null}
      {view.notes.length > 0 && results.entities.length > 0 ? (
        <div class="quai-callout">
          <p>
            <strong>{t('refMissingNote')}</strong>
          </p>
          <ul>
            {view.notes.map((attribute) => (
              <li key={attribute.name}>
                {attribute.title[locale]} — {attribute.missing?.[locale]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Pagination
        ctx={ctx}
        page={state.page}
        pages={pages}
        link={(page) =>
          `${href(locale, 'referenceSet', { set: set.id }, referenceQueryString(state, page))}#resultats`
        }
      />
    </>
  );
}

function Commitment({ ctx, set }: { ctx: PageContext; set: SetDefinition }) {
  const { t, locale } = ctx;
  const { commitment } = set;
  const report = commitment.reportUrl;
  const facts: [string, ComponentChild][] = [
    [t('refProducer'), <span lang={locale === 'en' ? 'fr' : undefined}>{commitment.producer}</span>],
    [t('refDiffuser'), <span lang={locale === 'en' ? 'fr' : undefined}>{commitment.diffuser}</span>],
    [t('refFrequency'), findFrequency(commitment.frequency)?.label[locale] ?? commitment.frequency],
    [t('refMaxAge'), t('refDays', { count: formatNumber(locale, commitment.maxAgeDays) })],
    [
      t('refAvailabilityTarget'),
      t('refTargets', {
        files: formatNumber(locale, commitment.availability.files),
        api: formatNumber(locale, commitment.availability.api),
      }),
    ],
    [t('refNotice'), t('refDays', { count: formatNumber(locale, commitment.noticeDays) })],
    [t('refReport'), <a href={report}>{report.replace(/^mailto:/, '')}</a>],
  ];
  return (
    <>
      <h2>{t('refCommitment')}</h2>
      <dl class="quai-metadata">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={href(locale, 'referenceStatus', { set: set.id })}>{t('refStatusLink')}</a>
      </p>
    </>
  );
}
