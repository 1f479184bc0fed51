import { type ComponentChild, Fragment } from 'preact';
import type { EntityView } from '../../reference/index.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { entityName, FictitiousBadge } from '../reference/reference-parts.js';
import type { PageContext } from '../shell/page-context.js';
import { Text } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { SetLink } from './data-dictionary.js';
import {
  bySeverity,
  type IntegrityFinding,
  type IntegrityItem,
  type IntegrityModel,
} from './integrity-data.js';

type Kind = IntegrityFinding['kind'];

/** Stands for a column's name in a sentence, so that the name can be shown as code. */
const MARK = '\u0001';

/** What each kind of finding is called, and its sentence for one row and for several. */
const KINDS: Record<Kind, { title: MessageKey; one: MessageKey; many: MessageKey }> = {
  unknown: { title: 'integrityKindUnknown', one: 'integrityUnknownOne', many: 'integrityUnknownMany' },
  retired: { title: 'integrityKindRetired', one: 'integrityRetiredOne', many: 'integrityRetiredMany' },
  not_yet_valid: {
    title: 'integrityKindNotYetValid',
    one: 'integrityNotYetValidOne',
    many: 'integrityNotYetValidMany',
  },
  name_mismatch: {
    title: 'integrityKindNameMismatch',
    one: 'integrityNameMismatchOne',
    many: 'integrityNameMismatchMany',
  },
};

/** An id made of a column's name, for headings and captions. */
const anchor = (column: string, kind?: Kind) =>
  `integrite-${column.replace(/[^a-z0-9_-]/gi, '-')}${kind ? `-${kind}` : ''}`;

/**
 * The integrity of the columns bound to reference sets: per column, what it was checked against
 * and when; each finding as a sentence with its severity in words (errors first), and its first
 * rows with the codes that replace retired ones.
 */
export function CodeIntegrity({ ctx, model }: { ctx: PageContext; model: IntegrityModel }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="integrite" class="quai-integrity">
      <h2 id="integrite">{t('integrityTitle')}</h2>
      <p>{t('integrityIntro')}</p>
      {model.items.map((item) => (
        <ColumnIntegrity key={item.column.id} ctx={ctx} item={item} model={model} />
      ))}
      <p>
        <a href={`/api/v1/resources/${model.resourceId}/datastore/integrity`}>{t('integrityReport')}</a>
      </p>
    </section>
  );
}

function ColumnIntegrity({
  ctx,
  item,
  model,
}: {
  ctx: PageContext;
  item: IntegrityItem;
  model: IntegrityModel;
}) {
  const { t, locale } = ctx;
  const { column, binding, report, version } = item;
  const label = column.label?.[locale];
  const set = report?.set ?? binding.set;
  const facts: [string, ComponentChild][] = [[t('integritySet'), <SetLink ctx={ctx} set={set} />]];
  if (report && version) {
    facts.push(
      [
        t('integrityVersion'),
        <>
          <a href={href(locale, 'referenceVersion', { set, label: version.label })}>{version.label}</a>
          {version.fictitious ? <FictitiousBadge ctx={ctx} /> : null}
        </>,
      ],
      [t('integrityCheckedOn'), formatDateTime(locale, report.checkedAt)],
      [
        t('integrityRowsChecked'),
        t('integrityRowsValue', {
          rows: formatNumber(locale, report.rows),
          coded: formatNumber(locale, report.coded),
        }),
      ],
    );
  }
  facts.push([
    t('integrityDateOf'),
    binding.asOfColumn ? columnWords(ctx, binding.asOfColumn) : t('integrityToday'),
  ]);
  if (binding.nameColumn) facts.push([t('integrityNameOf'), columnWords(ctx, binding.nameColumn)]);
  return (
    <div class="quai-integrity-column">
      <h3 id={anchor(column.id)}>
        <WithCode text={t('dictionaryColumn', { column: MARK })} code={column.id} />
        {label ? ` (${label})` : null}
      </h3>
      <dl class="quai-facts">
        {facts.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {!report ? (
        <p>{t('integrityNotChecked')}</p>
      ) : report.findings.length === 0 ? (
        <p class="quai-callout quai-callout-success">{t('integrityAllValid')}</p>
      ) : (
        bySeverity(report.findings).map((finding) => (
          <Finding
            key={finding.kind}
            ctx={ctx}
            column={column.id}
            set={set}
            finding={finding}
            successors={model.successors.get(set)}
          />
        ))
      )}
    </div>
  );
}

/** A sentence with a column's name in it ("colonne date_releve"), the name as code. */
function WithCode({ text, code }: { text: string; code: string }) {
  const [before, after] = text.split(MARK);
  return (
    <>
      {before}
      <code>{code}</code>
      {after}
    </>
  );
}

const columnWords = (ctx: PageContext, column: string) => (
  <WithCode text={ctx.t('integrityDateColumn', { column: MARK })} code={column} />
);

function Finding({
  ctx,
  column,
  set,
  finding,
  successors,
}: {
  ctx: PageContext;
  column: string;
  set: string;
  finding: IntegrityFinding;
  successors: Map<string, EntityView> | undefined;
}) {
  const { t, locale } = ctx;
  const words = KINDS[finding.kind];
  const title = t(words.title);
  const shown = finding.samples.length;
  return (
    <div class={`quai-finding quai-finding-${finding.severity}`}>
      <h4 id={anchor(column, finding.kind)}>
        <span class={`quai-badge quai-severity-${finding.severity}`}>
          {finding.severity === 'error' ? t('integrityError') : t('integrityWarning')}
        </span>
        <span class="quai-visually-hidden">{locale === 'fr' ? ' : ' : ': '}</span> {title}
      </h4>
      <p>
        {finding.count === 1 ? t(words.one) : t(words.many, { count: formatNumber(locale, finding.count) })}
      </p>
      {shown > 0 ? (
        <Samples
          ctx={ctx}
          set={set}
          finding={finding}
          successors={successors}
          captionId={`${anchor(column, finding.kind)}-legende`}
          caption={t('integritySamples', { kind: title })}
        />
      ) : null}
      {finding.count > shown && shown > 0 ? (
        <p class="quai-hint">{t('integrityShown', { shown: formatNumber(locale, shown) })}</p>
      ) : null}
    </div>
  );
}

/**
 * The first rows of a finding: row number and code, then what helps correct it (the code to use,
 * the names), then the row's date; a column only when some row has something to put in it.
 */
function Samples({
  ctx,
  set,
  finding,
  successors,
  captionId,
  caption,
}: {
  ctx: PageContext;
  set: string;
  finding: IntegrityFinding;
  successors: Map<string, EntityView> | undefined;
  captionId: string;
  caption: string;
}) {
  const { t, locale } = ctx;
  const samples = finding.samples;
  const has = (field: 'date' | 'name' | 'official') => samples.some((sample) => sample[field] !== null);
  const showOfficial = finding.kind !== 'unknown' && has('official');
  const showSuccessors = finding.kind === 'retired' || samples.some((s) => s.successors.length > 0);
  // Official names come from the set, in French: marked on English pages (WCAG 3.1.2).
  const officialLang = locale === 'en' ? 'fr' : undefined;
  return (
    <ScrollRegion labelledBy={captionId}>
      <table class="quai-table">
        {/* The heading above names the table on screen; a long caption would scroll away. */}
        <caption id={captionId} class="quai-visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="quai-number">
              {t('integrityRow')}
            </th>
            <th scope="col">{t('integrityValue')}</th>
            {showSuccessors ? <th scope="col">{t('integritySuccessors')}</th> : null}
            {has('name') ? <th scope="col">{t('integrityName')}</th> : null}
            {showOfficial ? <th scope="col">{t('integrityOfficial')}</th> : null}
            {has('date') ? <th scope="col">{t('integrityDate')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {samples.map((sample) => (
            <tr key={sample.row}>
              <th scope="row" class="quai-number">
                {formatNumber(locale, sample.row)}
              </th>
              <td>
                {finding.kind === 'unknown' ? (
                  <span class="quai-code">{sample.value}</span>
                ) : (
                  <a href={href(locale, 'referenceEntity', { set, code: sample.value })}>
                    <span class="quai-code">{sample.value}</span>
                  </a>
                )}
              </td>
              {showSuccessors ? (
                <td>
                  <Successors ctx={ctx} set={set} codes={sample.successors} entities={successors} />
                </td>
              ) : null}
              {has('name') ? <td>{sample.name ?? ''}</td> : null}
              {showOfficial ? <td lang={officialLang}>{sample.official ?? ''}</td> : null}
              {has('date') ? <td class="quai-date">{sample.date ?? ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** "utilisez 46027 (Pike River-Stanbridge)", each code a link to its page. */
function Successors({
  ctx,
  set,
  codes,
  entities,
}: {
  ctx: PageContext;
  set: string;
  codes: string[];
  entities: Map<string, EntityView> | undefined;
}) {
  const { t, locale } = ctx;
  if (codes.length === 0) return <>{t('integrityNoSuccessor')}</>;
  return (
    <>
      {t('integrityUse')}{' '}
      {codes.map((code, index) => {
        const entity = entities?.get(code);
        return (
          <Fragment key={code}>
            {index > 0 ? ` ${t('integrityOr')} ` : null}
            <a href={href(locale, 'referenceEntity', { set, code })}>
              <span class="quai-code">{code}</span>
              {entity ? (
                <>
                  {' ('}
                  <Text value={entityName(locale, entity)} />)
                </>
              ) : null}
            </a>
          </Fragment>
        );
      })}
    </>
  );
}
