import type { ComponentChildren } from 'preact';
import type { Activity, Dataset, ResourceUsage, UsageMonth } from '../../catalog/index.js';
import { findFrequency, findLanguage, findLicense } from '../../catalog/index.js';
import type { Reuse, Thread } from '../../community/index.js';
import { DatasetDiscussions } from '../community/discussions.page.js';
import { FollowControl, type FollowState } from '../community/follow.js';
import { DatasetReuses } from '../community/reuses.page.js';
import { ProvenanceSection } from '../harvest/provenance.js';
import { formatDate, formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { type QualityModel, QualitySection } from '../quality/quality-section.js';
import type { PageContext } from '../shell/page-context.js';
import type { CodeSamples } from '../ui/code-samples.js';
import { Layout } from '../ui/layout.js';
import { pick, pickTitle, Text } from '../ui/localized.js';
import { renderMarkdown } from '../ui/markdown.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { Coverage } from './coverage.js';
import { StateBadges } from './dataset-summary.js';
import { ResourceList } from './resources.js';
import { TablePeek, type TablePeekModel } from './table-peek.js';
import { UsageSection } from './usage-section.js';

export interface DatasetView {
  dataset: Dataset;
  activity: Activity[];
  canEdit: boolean;
  samples: CodeSamples;
  schemaOrg: Record<string, unknown>;
  metadataLinks: { label: string; href: string; type: string }[];
  quality: QualityModel;
  /** The first rows of its main table, when one is loaded. */
  peek: TablePeekModel | null;
  /** Its use by month, the latest first. */
  usage: UsageMonth[];
  /** Each resource's use over the same months. */
  resourceUsage: ResourceUsage[];
  /** The territory it covers, by name. */
  place: string | null;
  /** The base map for the coverage map. */
  tiles: { url: string; attribution: string };
  /** The reader's follow of it (a public dataset only), and how many follow it. */
  follow: FollowState | null;
  followers: number;
  /** Published reuses of it (a public dataset only): the first few, and how many. */
  reuses: { reuses: Reuse[]; total: number } | null;
  /** Its discussions the reader may see; whether they may open one. */
  threads: Thread[];
  signedIn: boolean;
}

/** The names of changed fields, as the activity list shows them. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'fieldName',
  title: 'fieldTitle',
  notes: 'fieldNotes',
  resources: 'resources',
  tags: 'keywords',
  keywordsEn: 'fieldKeywordsEn',
  licenseId: 'license',
  updateFrequency: 'updateFrequency',
  temporalStart: 'temporalCoverage',
  temporalEnd: 'temporalCoverage',
  bbox: 'spatialCoverage',
  groups: 'themes',
  private: 'fieldPrivate',
  state: 'fieldState',
  organization: 'publisher',
  maintainer: 'contact',
  maintainerEmail: 'contact',
  url: 'source',
  version: 'version',
  languages: 'languages',
};

export function DatasetPage({ ctx, view }: { ctx: PageContext; view: DatasetView }) {
  const { t, locale } = ctx;
  const { dataset } = view;
  const title = pickTitle(locale, dataset.title);
  const notes = pick(locale, dataset.notes);
  return (
    <Layout
      ctx={ctx}
      title={title.text}
      section="search"
      breadcrumbs={[{ label: t('searchTitle'), href: href(locale, 'search') }, { label: title.text }]}
      head={
        <script
          type="application/ld+json"
          dangerouslySetInnerHTML={{ __html: jsonForScript(view.schemaOrg) }}
        />
      }
    >
      <h1 lang={title.lang}>{title.text}</h1>
      <p class="quai-lead">
        {dataset.private || dataset.state !== 'active' ? (
          <>
            <StateBadges ctx={ctx} dataset={dataset} afterTitle={false} />
            {' · '}
          </>
        ) : null}
        <a href={href(locale, 'organization', { name: dataset.organization.name })}>
          <Text value={pickTitle(locale, dataset.organization.title)} />
        </a>
        {' · '}
        {t('updatedOn', { date: formatDate(locale, dataset.metadataModified) })}
      </p>
      {view.follow ? (
        <div class="quai-follow-bar">
          <FollowControl ctx={ctx} state={view.follow} what={title.text} />
          {view.followers > 0 ? (
            <span class="quai-meta">{t('fwFollowers', { count: view.followers })}</span>
          ) : null}
        </div>
      ) : null}
      {view.canEdit ? <EditorActions ctx={ctx} dataset={dataset} /> : null}

      <div class="quai-dataset-layout">
        <div class="quai-dataset-main">
          <section aria-labelledby="description">
            <h2 id="description">{t('aboutDataset')}</h2>
            {notes ? (
              <div
                class="quai-markdown"
                lang={notes.lang}
                dangerouslySetInnerHTML={{ __html: renderMarkdown(notes.text) }}
              />
            ) : (
              <p>{t('noDescription')}</p>
            )}
          </section>

          <section aria-labelledby="ressources">
            <h2 id="ressources">{t('resources')}</h2>
            <ResourceList ctx={ctx} datasetName={dataset.name} resources={dataset.resources} />
          </section>

          {view.peek ? <TablePeek ctx={ctx} model={view.peek} /> : null}

          <section aria-labelledby="utiliser">
            <h2 id="utiliser">{t('useThisData')}</h2>
            <p>{t('useThisDataLead')}</p>
            <div class="quai-tabs" data-tabs data-tabs-label={t('codeLanguages')}>
              {(['curl', 'python', 'r'] as const).map((language) => (
                <div key={language} class="quai-code-sample" id={`panneau-${language}`} data-tab-panel>
                  <h3 id={`exemple-${language}`}>{{ curl: 'curl', python: 'Python', r: 'R' }[language]}</h3>
                  <ScrollRegion labelledBy={`exemple-${language}`} class="quai-code-sample-box">
                    <pre lang="en">
                      <code>{view.samples[language]}</code>
                    </pre>
                  </ScrollRegion>
                </div>
              ))}
            </div>
          </section>

          <ProvenanceSection ctx={ctx} dataset={dataset} />

          <QualitySection ctx={ctx} model={view.quality} />

          <UsageSection ctx={ctx} months={view.usage} dataset={dataset} resources={view.resourceUsage} />

          {view.reuses ? <DatasetReuses ctx={ctx} name={dataset.name} reuses={view.reuses} /> : null}

          <DatasetDiscussions ctx={ctx} name={dataset.name} threads={view.threads} signedIn={view.signedIn} />

          <section aria-labelledby="historique">
            <h2 id="historique">{t('activity')}</h2>
            <ActivityList ctx={ctx} activity={view.activity} />
          </section>
        </div>

        <aside class="quai-dataset-aside" aria-labelledby="metadonnees">
          <h2 id="metadonnees">{t('metadata')}</h2>
          <MetadataList
            ctx={ctx}
            dataset={dataset}
            quality={view.quality.report.score}
            place={view.place}
            tiles={view.tiles}
          />
          <h3>{t('metadataFormats')}</h3>
          <ul>
            {view.metadataLinks.map((link) => (
              <li key={link.href}>
                <a href={link.href} type={link.type}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </Layout>
  );
}

function EditorActions({ ctx, dataset }: { ctx: PageContext; dataset: Dataset }) {
  const { t, locale } = ctx;
  const params = { name: dataset.name };
  return (
    <div class="quai-editor-actions">
      {dataset.state === 'draft' ? (
        <div class="quai-callout">
          <p>{t('publishExplained')}</p>
          <a class="qc-button qc-primary" href={href(locale, 'publishDataset', params)}>
            {t('publishOpen')}
          </a>
        </div>
      ) : null}
      <ul class="quai-actions">
        <li>
          <a class="qc-button qc-secondary" href={href(locale, 'editDataset', params)}>
            {t('editDataset')}
          </a>
        </li>
        <li>
          <a class="qc-button qc-secondary" href={href(locale, 'newResource', params)}>
            {t('addResource')}
          </a>
        </li>
        <li>
          <a class="qc-button qc-secondary" href={href(locale, 'manageDataset', params)}>
            {t('manageDataset')}
          </a>
        </li>
      </ul>
    </div>
  );
}

function MetadataList({
  ctx,
  dataset,
  quality,
  place,
  tiles,
}: {
  ctx: PageContext;
  dataset: Dataset;
  quality: number;
  place: string | null;
  tiles: { url: string; attribution: string };
}) {
  const { t, locale } = ctx;
  const license = findLicense(dataset.licenseId);
  const frequency = findFrequency(dataset.updateFrequency);
  const rows: [MessageKey, ComponentChildren][] = [];
  rows.push([
    'license',
    license ? <a href={license.url || undefined}>{license.title[locale]}</a> : t('noLicense'),
  ]);
  if (frequency) rows.push(['updateFrequency', frequency.label[locale]]);
  const { temporalStart: start, temporalEnd: end } = dataset;
  if (start || end) {
    const dates = { start: start ? formatDate(locale, start) : '', end: end ? formatDate(locale, end) : '' };
    rows.push([
      'temporalCoverage',
      t(start && end ? 'temporalRange' : start ? 'temporalFrom' : 'temporalUntil', dates),
    ]);
  }
  // The territory by its name; a harvested or API-given rectangle as its coordinates.
  if (place || dataset.bbox) {
    rows.push(['spatialCoverage', <Coverage ctx={ctx} dataset={dataset} place={place} tiles={tiles} />]);
  }
  if (dataset.languages.length > 0) {
    rows.push([
      'languages',
      dataset.languages.map((code) => findLanguage(code)?.label[locale] ?? code).join(', '),
    ]);
  }
  if (dataset.maintainer || dataset.maintainerEmail) {
    rows.push([
      'contact',
      <>
        {dataset.maintainer}
        {dataset.maintainer && dataset.maintainerEmail ? ' — ' : null}
        {dataset.maintainerEmail ? (
          <a href={`mailto:${dataset.maintainerEmail}`}>{dataset.maintainerEmail}</a>
        ) : null}
      </>,
    ]);
  }
  if (dataset.version) rows.push(['version', dataset.version]);
  if (dataset.url) rows.push(['source', <a href={dataset.url}>{dataset.url}</a>]);
  // A draft has not been published: its date is its creation's.
  rows.push([
    dataset.state === 'draft' ? 'draftCreatedOn' : 'createdOn',
    formatDate(locale, dataset.metadataCreated),
  ]);
  rows.push(['qualTitle', <a href="#qualite">{t('qualScoreOf', { score: quality })}</a>]);
  if (dataset.groups.length > 0) {
    rows.push([
      'themes',
      <ul class="quai-inline-list">
        {dataset.groups.map((group) => (
          <li key={group.id}>
            <a href={href(locale, 'theme', { name: group.name })}>
              <Text value={pickTitle(locale, group.title)} />
            </a>
          </li>
        ))}
      </ul>,
    ]);
  }
  const keywords = locale === 'en' && dataset.keywordsEn.length > 0 ? dataset.keywordsEn : dataset.tags;
  if (keywords.length > 0) {
    const lang = keywords === dataset.tags && locale === 'en' ? 'fr' : undefined;
    rows.push([
      'keywords',
      <ul class="quai-inline-list quai-tags">
        {keywords.map((keyword) => (
          <li key={keyword}>
            <a href={href(locale, 'search', {}, new URLSearchParams({ tag: keyword }))} lang={lang}>
              {keyword}
            </a>
          </li>
        ))}
      </ul>,
    ]);
  }
  return (
    <dl class="quai-metadata">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ActivityList({ ctx, activity }: { ctx: PageContext; activity: Activity[] }) {
  const { t, locale } = ctx;
  if (activity.length === 0) return <p>{t('noActivity')}</p>;
  return (
    <ol class="quai-activity">
      {activity.map((entry) => {
        const user = entry.userName ?? t('someone');
        const fields = [
          ...new Set(
            (entry.data.changes ?? []).map((field) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field)),
          ),
        ];
        const text = entry.activityType.startsWith('new')
          ? t('activityNew', { user })
          : entry.activityType.startsWith('deleted')
            ? t('activityDeleted', { user })
            : fields.length > 0
              ? t('activityChanged', { user, fields: fields.join(', ').toLowerCase() })
              : t('activityChangedNothing', { user });
        return (
          <li key={entry.id}>
            <time dateTime={entry.timestamp.toISOString()}>{formatDateTime(locale, entry.timestamp)}</time> —{' '}
            {text}
          </li>
        );
      })}
    </ol>
  );
}

/** JSON inside a <script> element: `<` is escaped so that no text can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
