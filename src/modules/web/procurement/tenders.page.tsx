import type { Tender } from '../../procurement/index.js';
import { FollowControl, type FollowState } from '../community/follow.js';
import { formatDeadline, formatMoney, formatNumber } from '../i18n/format.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ChoiceGroup, SelectField, TextField } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { Pagination } from '../ui/pagination.js';
import {
  CATEGORIES,
  METHODS,
  TENDER_PAGE_SIZE,
  type TenderSearchState,
  tenderQueryString,
} from './tender-search-state.js';

export interface TendersView {
  state: TenderSearchState;
  errors: Record<string, string>;
  count: number;
  tenders: Tender[];
  buyers: { id: string; name: string | null }[];
  now: Date;
  /** Following the buyer or the category chosen (new tenders are told). */
  follows: { buyer: FollowState | null; category: FollowState | null };
}

/** A code of an OCDS codelist in the page's language ("goods" → "Biens"); unknown codes as they are. */
export function codeLabel(ctx: PageContext, prefix: string, code: string | null): string | null {
  if (!code) return null;
  const key = `${prefix}_${code}`;
  return key in MESSAGES ? ctx.t(key as MessageKey) : code;
}

export function TendersPage({ ctx, view }: { ctx: PageContext; view: TendersView }) {
  const { t, locale } = ctx;
  const { state, count } = view;
  const pages = Math.max(1, Math.ceil(count / TENDER_PAGE_SIZE));
  // The feed follows the search as it stands (its words, filters, open or all), newest first.
  const filtered = tenderQueryString({ ...state, status: 'open', sort: '' }, 1) !== '';
  const feedParams = new URLSearchParams(tenderQueryString({ ...state, sort: '' }, 1));
  feedParams.set('status', state.status);
  feedParams.set('lang', locale);
  const feed = `/feeds/tenders.atom?${feedParams}`;
  const countText =
    count === 0
      ? t('tenderCountNone')
      : count === 1
        ? t('tenderCountOne')
        : t('tenderCount', { count: formatNumber(locale, count) });
  const any = { value: '', label: t('tenderAny') };
  const advanced =
    [state.buyer, state.category, state.method, state.min, state.max, state.from, state.to].some(Boolean) ||
    ['buyer', 'category', 'method', 'min', 'max', 'from', 'to'].some((field) => view.errors[field]);
  return (
    <Layout
      ctx={ctx}
      title={t('tendersTitle')}
      section="tenders"
      breadcrumbs={[{ label: t('tendersTitle') }]}
      head={<link rel="alternate" type="application/atom+xml" title={t('tenderFeedTitle')} href={feed} />}
    >
      <h1>{t('tendersTitle')}</h1>
      <p class="quai-lead">{t('tendersLead')}</p>
      <form method="get" action={href(locale, 'tenders')} class="quai-tender-form">
        <TextField
          ctx={ctx}
          name="q"
          label={t('tenderSearchLabel')}
          hint={t('tenderSearchHint')}
          value={state.q}
          errors={view.errors}
        />
        <ChoiceGroup
          ctx={ctx}
          name="status"
          type="radio"
          label={t('tenderStatusFilter')}
          values={[state.status]}
          choices={[
            { value: 'open', label: t('tenderStatusOpen') },
            { value: 'all', label: t('tenderStatusAll') },
          ]}
          errors={view.errors}
        />
        {/* The narrower filters fold under one line, open while one of them is used or wrong,
            so that on a phone the results are not pushed below the fold. */}
        <details class="quai-more-filters" open={advanced}>
          <summary>{t('tenderMoreFilters')}</summary>
          <div class="quai-field-row">
            <SelectField
              ctx={ctx}
              name="buyer"
              label={t('tenderBuyer')}
              value={state.buyer}
              choices={[
                { value: '', label: t('tenderAnyBuyer') },
                ...view.buyers.map((buyer) => ({
                  value: buyer.id,
                  label: buyer.name ?? buyer.id,
                  lang: 'fr',
                })),
              ]}
              errors={view.errors}
            />
            <SelectField
              ctx={ctx}
              name="category"
              label={t('tenderCategory')}
              value={state.category}
              choices={[
                any,
                ...CATEGORIES.map((code) => ({
                  value: code,
                  label: codeLabel(ctx, 'category', code) ?? code,
                })),
              ]}
              errors={view.errors}
            />
            <SelectField
              ctx={ctx}
              name="method"
              label={t('tenderMethod')}
              value={state.method}
              choices={[
                any,
                ...METHODS.map((code) => ({ value: code, label: codeLabel(ctx, 'method', code) ?? code })),
              ]}
              errors={view.errors}
            />
          </div>
          <div class="quai-field-row">
            <TextField
              ctx={ctx}
              name="min"
              label={t('tenderMinValue')}
              hint={t('tenderValueHint')}
              value={state.min}
              errors={view.errors}
              size="short"
            />
            <TextField
              ctx={ctx}
              name="max"
              label={t('tenderMaxValue')}
              hint={t('tenderValueHint')}
              value={state.max}
              errors={view.errors}
              size="short"
            />
            <TextField
              ctx={ctx}
              name="from"
              label={t('tenderPublishedFrom')}
              hint={t('tenderDateHint')}
              value={state.from}
              errors={view.errors}
              size="short"
            />
            <TextField
              ctx={ctx}
              name="to"
              label={t('tenderPublishedTo')}
              hint={t('tenderDateHint')}
              value={state.to}
              errors={view.errors}
              size="short"
            />
          </div>
        </details>
        <SelectField
          ctx={ctx}
          name="sort"
          label={t('tenderSort')}
          value={state.sort}
          choices={[
            { value: '', label: t('tenderSortDefault') },
            { value: 'newest', label: t('tenderSortNewest') },
            { value: 'deadline', label: t('tenderSortDeadline') },
            { value: 'value', label: t('tenderSortValue') },
          ]}
          errors={view.errors}
        />
        <button type="submit" class="qc-button qc-primary">
          {t('tenderSearchButton')}
        </button>
      </form>
      <h2 id="resultats">{t('resultsHeading')}</h2>
      <p role="status" class="quai-count">
        {countText}
      </p>
      {view.follows.buyer || view.follows.category ? (
        <div class="quai-follow-bar">
          {view.follows.buyer ? (
            <FollowControl
              ctx={ctx}
              state={view.follows.buyer}
              label={t('fwFollowBuyer')}
              what={view.buyers.find((buyer) => buyer.id === state.buyer)?.name ?? state.buyer}
            />
          ) : null}
          {view.follows.category ? (
            <FollowControl
              ctx={ctx}
              state={view.follows.category}
              label={t('fwFollowCategory')}
              what={codeLabel(ctx, 'category', state.category) ?? state.category}
            />
          ) : null}
        </div>
      ) : null}
      <ul class="quai-plain-list">
        {view.tenders.map((tender) => (
          <TenderSummary key={tender.ocid} ctx={ctx} tender={tender} now={view.now} />
        ))}
      </ul>
      <Pagination
        ctx={ctx}
        page={state.page}
        pages={pages}
        link={(page) => href(locale, 'tenders', {}, tenderQueryString(state, page))}
      />
      <p>
        <a href={feed}>{filtered ? t('tenderFeedSearch') : t('tenderFeed')}</a>
      </p>
      <p>
        <a href={href(locale, 'procurementPolicy')}>{t('tenderBulkLink')}</a>
      </p>
    </Layout>
  );
}

function TenderSummary({ ctx, tender, now }: { ctx: PageContext; tender: Tender; now: Date }) {
  const { t, locale } = ctx;
  const title =
    locale === 'en' && tender.titleEn
      ? { text: tender.titleEn, lang: undefined }
      : { text: tender.title ?? tender.ocid, lang: locale === 'en' ? 'fr' : undefined };
  const end = tender.tenderEnd ? new Date(tender.tenderEnd) : null;
  const facts = [
    tender.buyerName,
    codeLabel(ctx, 'category', tender.mainCategory),
    codeLabel(ctx, 'method', tender.procurementMethod),
    codeLabel(ctx, 'status', tender.tenderStatus),
  ].filter(Boolean);
  return (
    <li class="quai-dataset-summary">
      <h3 class="quai-dataset-title">
        <a href={href(locale, 'tender', { ocid: tender.ocid })} lang={title.lang}>
          {title.text}
        </a>
      </h3>
      <p class="quai-dataset-meta">{facts.join(' · ')}</p>
      <p class="quai-dataset-meta">
        {end
          ? end > now && tender.tenderStatus === 'active'
            ? t('tenderClosesOn', { date: formatDeadline(locale, end) })
            : t('tenderClosedOn', { date: formatDeadline(locale, end) })
          : null}
        {end && tender.valueAmount !== null ? ' · ' : null}
        {tender.valueAmount !== null
          ? t('tenderEstimate', { amount: formatMoney(locale, tender.valueAmount) })
          : null}
      </p>
    </li>
  );
}
