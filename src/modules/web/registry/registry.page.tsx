import type { EnterpriseHit, LabelledEnterprise } from '../../registry/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { SelectField, TextField } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { Pagination } from '../ui/pagination.js';
import {
  LEGAL_FORMS,
  REGISTRY_MAX_PAGES,
  REGISTRY_PAGE_SIZE,
  type RegistrySearchState,
  registryQueryString,
} from './registry-search-state.js';

export interface RegistryView {
  state: RegistrySearchState;
  errors: Record<string, string>;
  /** False before any word or filter is given: the form alone. */
  searched: boolean;
  hits: (EnterpriseHit & LabelledEnterprise)[];
  /** Null for a name search (ranked best matches, no total). */
  total: number | null;
  edition: string | null;
  formLabels: Map<string, string>;
}

/** Searching the business registry: one GET form, everything in the URL, results as a list. */
export function RegistryPage({ ctx, view }: { ctx: PageContext; view: RegistryView }) {
  const { t, locale } = ctx;
  const { state, errors } = view;
  const field = { ctx, errors };
  const feed = `/feeds/registry-changes.atom?lang=${locale}`;
  const pages =
    view.total === null
      ? Math.min(REGISTRY_MAX_PAGES, view.hits.length === REGISTRY_PAGE_SIZE ? state.page + 1 : state.page)
      : Math.max(1, Math.ceil(view.total / REGISTRY_PAGE_SIZE));
  return (
    <Layout
      ctx={ctx}
      title={t('registryTitle')}
      section="registry"
      breadcrumbs={[{ label: t('registryTitle') }]}
      head={<link rel="alternate" type="application/atom+xml" title={t('registryFeedTitle')} href={feed} />}
    >
      <h1>{t('registryTitle')}</h1>
      <p class="quai-lead">{t('registryLead')}</p>
      {view.edition ? (
        <p>
          {t('registryEdition', { date: formatDate(locale, new Date(`${view.edition}T12:00:00Z`)) })}.{' '}
          {t('registryLicence')}
        </p>
      ) : (
        <p role="status">{t('registryNoEdition')}</p>
      )}
      <p>
        <a href={feed}>{t('registryFeed')}</a>
      </p>
      <form method="get" action={href(locale, 'registry')} class="quai-tender-form">
        <TextField
          {...field}
          name="q"
          label={t('registrySearchLabel')}
          hint={t('registrySearchHint')}
          value={state.q}
        />
        <div class="quai-field-row">
          <SelectField
            {...field}
            name="status"
            label={t('registryStatus')}
            value={state.status}
            choices={[
              { value: '', label: t('registryStatusAny') },
              { value: 'registered', label: t('registryStatusRegistered') },
              { value: 'struck', label: t('registryStatusStruck') },
            ]}
          />
          <SelectField
            {...field}
            name="form"
            label={t('registryForm')}
            value={state.form}
            choices={[
              { value: '', label: t('registryFormAny') },
              ...LEGAL_FORMS.map((code) => ({
                value: code,
                label: view.formLabels.get(code) ?? code,
                lang: 'fr',
              })),
            ]}
          />
          <TextField
            {...field}
            name="municipality"
            label={t('registryMunicipality')}
            value={state.municipality}
          />
        </div>
        <div class="quai-field-row">
          <TextField
            {...field}
            name="activity"
            label={t('registryActivity')}
            hint={t('registryActivityHint')}
            value={state.activity}
            size="short"
          />
          <TextField
            {...field}
            name="from"
            label={t('registryFrom')}
            hint={t('registryDateHint')}
            value={state.from}
            size="short"
          />
          <TextField
            {...field}
            name="to"
            label={t('registryTo')}
            hint={t('registryDateHint')}
            value={state.to}
            size="short"
          />
        </div>
        <button type="submit" class="qc-button qc-primary">
          {t('registrySearchButton')}
        </button>
      </form>
      {view.searched ? (
        <>
          <h2 id="resultats">{t('resultsHeading')}</h2>
          <p role="status" class="quai-count">
            {view.hits.length === 0
              ? t('registryNoResult')
              : view.total === null
                ? t('registryBestResults')
                : t('registryResults', { count: formatNumber(locale, view.total) })}
          </p>
          <ul class="quai-plain-list">
            {view.hits.map((hit) => (
              <EnterpriseSummary key={hit.neq} ctx={ctx} hit={hit} />
            ))}
          </ul>
          <Pagination
            ctx={ctx}
            page={state.page}
            pages={pages}
            link={(page) => href(locale, 'registry', {}, registryQueryString(state, page))}
          />
        </>
      ) : null}
    </Layout>
  );
}

function EnterpriseSummary({ ctx, hit }: { ctx: PageContext; hit: EnterpriseHit & LabelledEnterprise }) {
  const { t, locale } = ctx;
  const other = hit.matchedName && hit.matchedName !== hit.name ? hit.matchedName : null;
  const facts = [
    `${t('enterpriseNeq')} ${hit.neq}`,
    hit.statusLabel,
    hit.legalFormLabel,
    hit.municipality,
    hit.registeredOn ? formatDate(locale, new Date(`${hit.registeredOn}T12:00:00Z`)) : null,
  ].filter(Boolean);
  return (
    <li class="quai-dataset-summary">
      <h3 class="quai-dataset-title">
        <a href={href(locale, 'enterprise', { neq: hit.neq })} lang="fr">
          {hit.name ?? hit.neq}
        </a>
      </h3>
      {other ? (
        <p class="quai-dataset-meta">
          {t(hit.former ? 'registryFormerName' : 'registryOtherName', { name: '' })}
          <span lang="fr">{other}</span>
        </p>
      ) : null}
      <p class="quai-dataset-meta">{facts.join(' · ')}</p>
    </li>
  );
}
