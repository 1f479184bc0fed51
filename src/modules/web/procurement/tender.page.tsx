import type { ComponentChildren } from 'preact';
import type { JsonObject } from '../../procurement/index.js';
import { formatDate, formatDeadline, formatMoney } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { codeLabel } from './tenders.page.js';

export interface TenderView {
  ocid: string;
  compiled: JsonObject;
  releases: { id: string; date: string; tags: string[] }[];
  recordUrl: string;
  releaseUrl: (releaseId: string) => string;
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.map(obj) : []);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const money = (ctx: PageContext, value: unknown) => {
  const amount = obj(value).amount;
  return typeof amount === 'number' ? formatMoney(ctx.locale, amount) : null;
};
const date = (ctx: PageContext, value: unknown) =>
  str(value) && !Number.isNaN(Date.parse(value as string))
    ? formatDate(ctx.locale, new Date(value as string))
    : null;

/** One contracting process: the notice, its addenda, awards, contracts and every release. */
export function TenderPage({ ctx, view }: { ctx: PageContext; view: TenderView }) {
  const { t, locale } = ctx;
  const compiled = view.compiled;
  const tender = obj(compiled.tender);
  const period = obj(tender.tenderPeriod);
  const buyer = obj(compiled.buyer);
  const english = locale === 'en' ? str(tender.title_en) : null;
  const title = english ?? str(tender.title) ?? view.ocid;
  const titleLang = locale === 'en' && !english ? 'fr' : undefined;
  const description =
    locale === 'en' ? (str(tender.description_en) ?? str(tender.description)) : str(tender.description);
  const descriptionLang = locale === 'en' && !str(tender.description_en) ? 'fr' : undefined;
  const facts: [string, ComponentChildren][] = [
    [
      t('tenderBuyer'),
      str(buyer.name) ? <span lang={locale === 'en' ? 'fr' : undefined}>{str(buyer.name)}</span> : null,
    ],
    [t('tenderStatus'), codeLabel(ctx, 'status', str(tender.status))],
    [t('tenderReference'), str(tender.id)],
    [t('tenderOcid'), <code>{view.ocid}</code>],
    [t('tenderMethod'), codeLabel(ctx, 'method', str(tender.procurementMethod))],
    [t('tenderCategory'), codeLabel(ctx, 'category', str(tender.mainProcurementCategory))],
    [t('tenderPublished'), date(ctx, period.startDate)],
    [
      t('tenderDeadline'),
      str(period.endDate) && !Number.isNaN(Date.parse(period.endDate as string))
        ? formatDeadline(ctx.locale, period.endDate as string)
        : null,
    ],
    [t('tenderValue'), money(ctx, tender.value)],
  ];
  const parties = new Map(list(compiled.parties).map((party) => [str(party.id), party]));
  return (
    <Layout
      ctx={ctx}
      title={title}
      section="tenders"
      breadcrumbs={[{ label: t('tendersTitle'), href: href(locale, 'tenders') }, { label: title }]}
    >
      <h1 lang={titleLang}>{title}</h1>
      {description ? <p lang={descriptionLang}>{description}</p> : null}
      <h2>{t('tenderFacts')}</h2>
      <Facts facts={facts} />
      <Documents ctx={ctx} documents={list(tender.documents)} />
      <Amendments
        ctx={ctx}
        heading={t('tenderAmendments')}
        id="addendas"
        amendments={list(tender.amendments)}
      />
      {list(compiled.awards).length > 0 ? (
        <section aria-labelledby="adjudications">
          <h2 id="adjudications">{t('tenderAwards')}</h2>
          <ScrollRegion labelledBy="adjudications">
            <table class="quai-table">
              <thead>
                <tr>
                  <th scope="col">{t('tenderSupplier')}</th>
                  <th scope="col">{t('tenderDate')}</th>
                  <th scope="col" class="quai-number">
                    {t('tenderAmount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list(compiled.awards).map((award) => (
                  <tr key={str(award.id)}>
                    <td lang="fr">
                      {list(award.suppliers)
                        .map((supplier) => str(supplier.name) ?? str(parties.get(str(supplier.id))?.name))
                        .join(', ')}
                    </td>
                    <td>{date(ctx, award.date)}</td>
                    <td class="quai-number">{money(ctx, award.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ) : null}
      {list(compiled.contracts).map((contract, index) => {
        const contractPeriod = obj(contract.period);
        const start = date(ctx, contractPeriod.startDate);
        const end = date(ctx, contractPeriod.endDate);
        const id = `contrat-${index + 1}`;
        return (
          <section key={str(contract.id)} aria-labelledby={id}>
            <h2 id={id}>{t('tenderContract', { id: str(contract.id) ?? String(index + 1) })}</h2>
            <Facts
              facts={[
                [t('tenderStatus'), codeLabel(ctx, 'contract', str(contract.status))],
                [t('tenderContractSigned'), date(ctx, contract.dateSigned)],
                [
                  t('tenderContractPeriod'),
                  start && end ? t('tenderPeriodTo', { start, end }) : (start ?? end),
                ],
                [t('tenderAmount'), money(ctx, contract.value)],
              ]}
            />
            <Amendments
              ctx={ctx}
              heading={t('tenderExpenses')}
              id={`${id}-modifications`}
              amendments={list(contract.amendments)}
              level={3}
            />
          </section>
        );
      })}
      <section aria-labelledby="historique">
        <h2 id="historique">{t('tenderHistory')}</h2>
        <ScrollRegion labelledBy="historique">
          <table class="quai-table">
            <thead>
              <tr>
                <th scope="col">{t('tenderDate')}</th>
                <th scope="col">{t('tenderTags')}</th>
                <th scope="col">{t('tenderRelease')}</th>
              </tr>
            </thead>
            <tbody>
              {view.releases.map((release) => (
                <tr key={release.id}>
                  <td>{date(ctx, release.date) ?? release.date}</td>
                  <td>{release.tags.map((tag) => codeLabel(ctx, 'tag', tag)).join(', ')}</td>
                  <td>
                    <a href={view.releaseUrl(release.id)}>
                      <code>{release.id}</code>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <h2>{t('tenderOcdsData')}</h2>
      <ul>
        <li>
          <a href={view.recordUrl} type="application/json">
            {t('tenderRecordJson')}
          </a>
        </li>
        <li>
          <a href={href(locale, 'procurementPolicy')}>{t('tenderBulkLink')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** Label–value pairs; those without a value are left out. */
function Facts({ facts }: { facts: [string, ComponentChildren][] }) {
  return (
    <dl class="quai-metadata">
      {facts
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function Documents({ ctx, documents }: { ctx: PageContext; documents: Obj[] }) {
  const links = documents.filter((document) => str(document.url));
  if (links.length === 0) return null;
  return (
    <>
      <h2>{ctx.t('tenderDocuments')}</h2>
      <ul>
        {links.map((document) => (
          <li key={str(document.id)}>
            <a href={str(document.url) ?? undefined} lang="fr">
              {str(document.title) ?? str(document.url)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function Amendments({
  ctx,
  heading,
  id,
  amendments,
  level = 2,
}: {
  ctx: PageContext;
  heading: string;
  id: string;
  amendments: Obj[];
  level?: 2 | 3;
}) {
  if (amendments.length === 0) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id}>
      <Heading id={id}>{heading}</Heading>
      <ul>
        {amendments.map((amendment) => (
          <li key={str(amendment.id)}>
            <strong>{date(ctx, amendment.date)}</strong>
            {' — '}
            <span lang="fr">
              {[str(amendment.description), str(amendment.rationale)].filter(Boolean).join(' ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
