import type { ComponentChild } from 'preact';
import type { EntityView, LinkedCode, SetDefinition, Version } from '../../reference/index.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { TextField } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import {
  AttributeCell,
  CodeLink,
  day,
  entityName,
  eventName,
  FictitiousBadge,
  type LinkedNames,
} from './reference-parts.js';

export interface EntityPageView {
  set: SetDefinition;
  entity: EntityView;
  version: Version | null;
  /** The day asked for (valid), and what the form shows (as typed). */
  asOf: string | null;
  asOfInput: string;
  errors: FieldErrors;
  names: LinkedNames;
  /** The codes in use today that replace a retired one, with their entities (when found). */
  replacements: { code: string; entity: EntityView | null }[];
}

const DAY_MS = 86_400_000;
/** The last day of a period whose end (exclusive) is `end`. */
const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/** A period in words: "du 1 janvier 2016 au 31 décembre 2017", "depuis le 1 janvier 2018"… */
export function periodText(ctx: PageContext, from: string | null, to: string | null): string {
  const { t, locale } = ctx;
  if (from && to) return t('refFromTo', { from: day(locale, from), to: day(locale, lastDay(to)) });
  if (from) return t('refSince', { date: day(locale, from) });
  if (to) return t('refUntil', { date: day(locale, lastDay(to)) });
  return t('refSinceOrigin');
}

/** One code: its name, status, period, attributes and lineage; a retired code leads to its successors. */
export function EntityPage({ ctx, view }: { ctx: PageContext; view: EntityPageView }) {
  const { t, locale } = ctx;
  const { set, entity, version, asOf } = view;
  const name = entityName(locale, entity);
  const other =
    locale === 'en' && entity.nameEn ? entity.name : locale === 'fr' && entity.nameEn ? entity.nameEn : null;
  const retired = entity.status === 'retired' && !entity.current.includes(entity.code);
  const oldPeriod = entity.status === 'retired' && entity.current.includes(entity.code);
  const notYet = asOf !== null && entity.validFrom !== null && asOf < entity.validFrom;
  const within = asOf !== null && !notYet && (entity.validTo === null || asOf < entity.validTo);
  // A value the source does not give is said only when the set explains why (never guessed).
  const shown = set.attributes.filter(
    (a) => a.missing || !['', null, undefined].includes(entity.attributes[a.name] as string | null),
  );
  const facts: [string, ComponentChild][] = [
    [t('refCode'), <code>{entity.code}</code>],
    ...(other
      ? ([
          [
            locale === 'en' ? t('refFrenchName') : t('refEnglishName'),
            <span lang={locale === 'en' ? 'fr' : 'en'}>{other}</span>,
          ],
        ] as [string, ComponentChild][])
      : []),
    [
      t('refStatus'),
      retired
        ? t('refRetiredOn', { date: day(locale, entity.validTo) })
        : oldPeriod
          ? t('refPeriodEnded', { date: day(locale, entity.validTo) })
          : t('refStatusCurrent'),
    ],
    [t('refValidity'), periodText(ctx, entity.validFrom, entity.validTo)],
    ...(entity.startReason
      ? ([[t('refStartReason'), eventName(ctx, entity.startReason)]] as [string, ComponentChild][])
      : []),
    ...(entity.endReason
      ? ([[t('refEndReason'), eventName(ctx, entity.endReason)]] as [string, ComponentChild][])
      : []),
  ];
  return (
    <Layout
      ctx={ctx}
      title={`${name.text} (${entity.code}) — ${set.title[locale]}`}
      section="referenceSets"
      breadcrumbs={[
        { label: t('refTitle'), href: href(locale, 'referenceSets') },
        { label: set.title[locale], href: href(locale, 'referenceSet', { set: set.id }) },
        { label: `${entity.code} ${name.text}` },
      ]}
    >
      <h1 lang={name.lang}>{name.text}</h1>
      <p class="quai-lead">
        {set.entityType[locale]} · <code>{entity.code}</code> ·{' '}
        <span class={`quai-badge ${retired ? 'quai-badge-retired' : 'quai-badge-current'}`}>
          {retired ? t('refStatusRetired') : t('refStatusCurrent')}
        </span>
      </p>
      {retired ? <Replaced ctx={ctx} view={view} /> : null}
      {oldPeriod ? (
        <div class="quai-callout">
          <p>
            {t('refOldPeriod', { period: periodText(ctx, entity.validFrom, entity.validTo) })}{' '}
            <a href={href(locale, 'referenceEntity', { set: set.id, code: entity.code })}>
              {t('refCurrentDescription')}
            </a>
            .
          </p>
        </div>
      ) : null}
      {notYet && asOf ? (
        <p class="quai-callout">{t('refNotYet', { date: day(locale, asOf) })}</p>
      ) : within && asOf ? (
        <p>{t('refAsOfShown', { date: day(locale, asOf) })}</p>
      ) : null}
      {version?.fictitious ? (
        <div class="quai-callout quai-callout-warning">
          <p>
            <FictitiousBadge ctx={ctx} /> {t('refFictitiousNotice', { label: version.label })}
          </p>
        </div>
      ) : null}
      <dl class="quai-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {shown.length > 0 ? (
        <>
          <h2>{t('refAttributes')}</h2>
          <dl class="quai-metadata">
            {shown.map((attribute) => (
              <div key={attribute.name}>
                <dt>{attribute.title[locale]}</dt>
                <dd>
                  <AttributeCell
                    ctx={ctx}
                    attribute={attribute}
                    value={entity.attributes[attribute.name]}
                    names={view.names}
                    long
                  />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <Lineage ctx={ctx} set={set} entity={entity} kind="predecessors" />
      <Lineage ctx={ctx} set={set} entity={entity} kind="successors" />
      {set.external ? null : <AsOfForm ctx={ctx} view={view} />}
      <ul class="quai-plain-list">
        <li>
          <a
            href={`/api/v1/reference/${encodeURIComponent(set.id)}/${encodeURIComponent(entity.code)}${asOf ? `?asOf=${asOf}` : ''}`}
          >
            {t('refApiLink')}
          </a>
        </li>
        {set.external ? (
          <li>
            <a href={href(locale, 'enterprise', { neq: entity.code })}>{t('refRegistryPage')}</a>
          </li>
        ) : null}
      </ul>
      {version ? <p class="quai-dataset-meta">{t('refFromVersion', { label: version.label })}</p> : null}
    </Layout>
  );
}

/** The box a retired code shows first: when and why it ended, and the codes that replace it today. */
function Replaced({ ctx, view }: { ctx: PageContext; view: EntityPageView }) {
  const { t, locale } = ctx;
  const { entity, set } = view;
  const reason = eventName(ctx, entity.endReason) || t('refStatusRetired');
  const date = day(locale, entity.validTo);
  return (
    <section class="quai-callout quai-replaced" aria-labelledby="remplace-par">
      <h2 id="remplace-par">{t('refReplacedBy')}</h2>
      {view.replacements.length === 0 ? (
        <p>{t('refRetiredNoSuccessor', { date, reason })}</p>
      ) : (
        <>
          <p>{t('refRetiredText', { date, reason })}</p>
          <ul>
            {view.replacements.map((replacement) => (
              <li key={replacement.code}>
                <CodeLink
                  ctx={ctx}
                  set={set.id}
                  code={replacement.code}
                  name={replacement.entity ? entityName(locale, replacement.entity) : null}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Lineage({
  ctx,
  set,
  entity,
  kind,
}: {
  ctx: PageContext;
  set: SetDefinition;
  entity: EntityView;
  kind: 'predecessors' | 'successors';
}) {
  const { t, locale } = ctx;
  const links: LinkedCode[] = entity[kind];
  if (links.length === 0) return null;
  // The same code's other period (a renaming) is shown at a day it was valid.
  const asOfOf = (link: LinkedCode) =>
    link.code !== entity.code
      ? null
      : kind === 'successors'
        ? link.validFrom
        : link.validTo && lastDay(link.validTo);
  return (
    <>
      <h2>{kind === 'predecessors' ? t('refPredecessors') : t('refSuccessors')}</h2>
      <ul>
        {links.map((link) => (
          <li key={`${link.code}-${link.validFrom}`}>
            <CodeLink
              ctx={ctx}
              set={set.id}
              code={link.code}
              name={entityName(locale, link)}
              asOf={asOfOf(link)}
            />{' '}
            ({t('refLineage', { event: eventName(ctx, link.event), date: day(locale, link.effective) })})
          </li>
        ))}
      </ul>
    </>
  );
}

function AsOfForm({ ctx, view }: { ctx: PageContext; view: EntityPageView }) {
  const { t, locale } = ctx;
  return (
    <form
      method="get"
      action={href(locale, 'referenceEntity', { set: view.set.id, code: view.entity.code })}
      class="quai-tender-form quai-as-of"
    >
      <TextField
        ctx={ctx}
        errors={view.errors}
        name="asOf"
        label={t('refAsOfLabel')}
        hint={t('refAsOfHint')}
        value={view.asOfInput}
        size="short"
      />
      <button type="submit" class="qc-button qc-secondary">
        {t('refAsOfButton')}
      </button>
    </form>
  );
}
