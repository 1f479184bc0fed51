import type { ComponentChild } from 'preact';
import type { Change, ChangeKind } from '../../reference/index.js';
import { formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { Text } from '../ui/localized.js';
import {
  AttributeCell,
  CodeLink,
  DataTable,
  day,
  entityName,
  FictitiousBadge,
  VersionFiles,
} from './reference-parts.js';
import type { VersionPageView } from './reference-views.js';

/** The order a change log is read in: what ended, then what began, then what changed. */
const KINDS: ChangeKind[] = [
  'merged',
  'split',
  'retired',
  'created',
  'renamed',
  'designation_changed',
  'moved',
  'updated',
];

/** One version of a set: its facts, sources, files, and its change log grouped by kind. */
export function VersionPage({ ctx, view }: { ctx: PageContext; view: VersionPageView }) {
  const { t, locale } = ctx;
  const { set, version, previous, changes } = view;
  const title = t('refVersionTitle', { label: version.label });
  const facts: [string, ComponentChild][] = [
    [t('refReferenceDate'), day(locale, version.referenceDate)],
    [t('refPublishedAt'), day(locale, version.publishedAt)],
    [
      t('refPrevious'),
      previous ? (
        <a href={href(locale, 'referenceVersion', { set: set.id, label: previous.label })}>
          {previous.label}
        </a>
      ) : (
        t('refFirstVersion')
      ),
    ],
    [t('refRows'), formatNumber(locale, version.rowCount)],
    [t('refChanges'), formatNumber(locale, version.changeCount)],
  ];
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${set.title[locale]}`}
      section="referenceSets"
      breadcrumbs={[
        { label: t('refTitle'), href: href(locale, 'referenceSets') },
        { label: set.title[locale], href: href(locale, 'referenceSet', { set: set.id }) },
        { label: title },
      ]}
    >
      <h1>
        {title}
        {version.fictitious ? <FictitiousBadge ctx={ctx} /> : null}
      </h1>
      <p class="quai-lead">{set.title[locale]}</p>
      {version.fictitious ? (
        <div class="quai-callout quai-callout-warning">
          <p>{t('refFictitiousNotice', { label: version.label })}</p>
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
      {version.structureOverride ? (
        <p class="quai-callout">
          {t('refOverride', { by: version.structureOverride.by, reason: version.structureOverride.reason })}
        </p>
      ) : null}
      <h2>{t('refFiles')}</h2>
      <VersionFiles ctx={ctx} version={version} />
      <h2>{t('refSources')}</h2>
      <ul>
        {version.sources.map((source) => (
          <li key={source.name}>
            <a href={source.url}>{source.name}</a> —{' '}
            {t('refSourceRows', { count: formatNumber(locale, source.rows) })}
            {source.sha256 ? (
              <>
                {' — SHA-256 '}
                <code class="quai-break">{source.sha256}</code>
              </>
            ) : null}
            {` — ${source.licence}`}
          </li>
        ))}
      </ul>
      <h2 id="changements">{t('refChangeLog')}</h2>
      {previous === null ? (
        <p>{t('refFirstVersionChanges')}</p>
      ) : changes.length === 0 ? (
        <p>{t('refNoChange')}</p>
      ) : (
        <>
          <p>{t('refChangeCount', { count: formatNumber(locale, changes.length) })}</p>
          {KINDS.map((kind) => (
            <ChangeGroup
              key={kind}
              ctx={ctx}
              view={view}
              kind={kind}
              changes={changes.filter((c) => c.kind === kind)}
            />
          ))}
        </>
      )}
      <p>
        <a
          href={`/api/v1/reference/${encodeURIComponent(set.id)}/versions/${encodeURIComponent(version.label)}/changes`}
        >
          {t('refApiLink')}
        </a>
      </p>
    </Layout>
  );
}

/** The columns a kind of change needs: what ended leads on, what began comes from, what changed. */
const COLUMNS: Record<ChangeKind, ('before' | 'after' | 'successors' | 'predecessors' | 'details')[]> = {
  merged: ['before', 'successors'],
  split: ['before', 'successors'],
  retired: ['before', 'successors'],
  created: ['after', 'predecessors'],
  renamed: ['before', 'after'],
  designation_changed: ['after', 'details'],
  moved: ['after', 'details'],
  updated: ['after', 'details'],
};

function ChangeGroup({
  ctx,
  view,
  kind,
  changes,
}: {
  ctx: PageContext;
  view: VersionPageView;
  kind: ChangeKind;
  changes: Change[];
}) {
  const { t, locale } = ctx;
  if (changes.length === 0) return null;
  const { set, codes } = view;
  const heading = t(`refChangeKind_${kind}` as MessageKey);
  const columns = COLUMNS[kind];
  const name = (side: Change['before']) =>
    side ? <Text value={entityName(locale, { name: side.name })} /> : '';
  const related = (change: Change) =>
    change.related.length === 0 ? (
      ''
    ) : (
      <ul class="quai-plain-list">
        {change.related.map((code) => {
          const found = codes.get(code);
          return (
            <li key={code}>
              <CodeLink ctx={ctx} set={set.id} code={code} name={found ? entityName(locale, found) : null} />
            </li>
          );
        })}
      </ul>
    );
  const titles = {
    before: kind === 'renamed' ? t('refBefore') : t('refName'),
    after: kind === 'renamed' ? t('refAfter') : t('refName'),
    successors: t('refSuccessors'),
    predecessors: t('refPredecessors'),
    details: t('refDetails'),
  };
  const cell = (change: Change, column: (typeof columns)[number]) =>
    column === 'before' ? (
      name(change.before)
    ) : column === 'after' ? (
      name(change.after)
    ) : column === 'details' ? (
      <Differences ctx={ctx} view={view} change={change} />
    ) : (
      related(change)
    );
  return (
    <>
      <h3 id={`changements-${kind}`}>
        {heading} ({formatNumber(locale, changes.length)})
      </h3>
      <DataTable
        id={`table-${kind}`}
        caption={heading}
        hiddenCaption
        head={[t('refCode'), ...columns.map((column) => titles[column])]}
        rows={changes.map((change) => ({
          key: change.code,
          cells: [
            <CodeLink ctx={ctx} set={set.id} code={change.code} />,
            ...columns.map((column) => cell(change, column)),
          ],
        }))}
      />
    </>
  );
}

/** The attributes a change altered, before → after ("Désignation : Municipalité → Ville"). */
function Differences({ ctx, view, change }: { ctx: PageContext; view: VersionPageView; change: Change }) {
  const { before, after } = change;
  if (!before || !after) return null;
  const altered = view.set.attributes.filter(
    (a) => (before.attributes[a.name] ?? null) !== (after.attributes[a.name] ?? null),
  );
  if (altered.length === 0) return null;
  const cell = (attribute: (typeof altered)[number], side: typeof before) => {
    const value = side.attributes[attribute.name];
    return value === null || value === undefined || value === '' ? (
      ctx.t('refEmpty')
    ) : (
      <AttributeCell ctx={ctx} attribute={attribute} value={value} names={view.names} />
    );
  };
  return (
    <ul class="quai-plain-list">
      {altered.map((attribute) => (
        <li key={attribute.name}>
          {attribute.title[ctx.locale]}
          {ctx.locale === 'fr' ? ' : ' : ': '}
          {cell(attribute, before)} → {cell(attribute, after)}
        </li>
      ))}
    </ul>
  );
}
