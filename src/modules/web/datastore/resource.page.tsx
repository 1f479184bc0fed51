import type { ComponentChild } from 'preact';
import type { Dataset, Resource, ResourceVersion, UsageMonth } from '../../catalog/index.js';
import { DownloadLink, resourceName } from '../catalog/resources.js';
import { UsageSection } from '../catalog/usage-section.js';
import { formatDate, formatDateTime, formatSize } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import { type ConformanceModel, SchemaConformance } from '../schemas/conformance.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pick, pickTitle } from '../ui/localized.js';
import { DataPreview, type DataPreviewView } from './data-preview.js';
import { DataViews, type DataViewsModel } from './data-views.js';
import { embedCode } from './embed.page.js';
import { CodeIntegrity } from './integrity.js';
import type { IntegrityModel } from './integrity-data.js';
import { ViewManager, type ViewManagerModel } from './view-manager.js';

export function ResourcePage({
  ctx,
  dataset,
  resource,
  preview,
  views,
  integrity,
  conformance,
  guessHref,
  manager,
  versions,
  canEdit,
  embed,
  usage,
}: {
  ctx: PageContext;
  dataset: Dataset;
  resource: Resource;
  preview: DataPreviewView;
  views: DataViewsModel | null;
  /** The checks of the columns bound to reference sets; null when none is bound. */
  integrity: IntegrityModel | null;
  /** The schema the resource declares and its latest report; null when it declares none. */
  conformance: ConformanceModel | null;
  /** Where its editors propose a schema from this file; null when not offered. */
  guessHref: string | null;
  /** For the resource's publishers: their views and the form to add one. */
  manager: ViewManagerModel | null;
  /** Its earlier files, the latest first. */
  versions: ResourceVersion[];
  /** Whether the reader may edit it (replace its file, delete it). */
  canEdit: boolean;
  /** The shown view's page for other sites' frames, when the data is public. */
  embed: { url: string; title: string } | null;
  /** Its use by month: views of this page, downloads, queries. */
  usage: UsageMonth[];
}) {
  const { t, locale } = ctx;
  const index = dataset.resources.findIndex((item) => item.id === resource.id);
  const name = resourceName(ctx, resource, index);
  const datasetTitle = pickTitle(locale, dataset.title);
  const description = pick(locale, resource.description);
  const datasetHref = href(locale, 'dataset', { name: dataset.name });
  const pageParams = { name: dataset.name, id: resource.id };
  const rows: [string, ComponentChild][] = [[t('resourceFormat'), resource.format ?? t('unknownFormat')]];
  if (resource.size !== null) rows.push([t('resourceSize'), formatSize(locale, resource.size)]);
  // The fingerprint is for checking a copy: folded away, not a first thing to read.
  if (resource.upload)
    rows.push([
      t('resourceHash'),
      <details class="quai-hash">
        <summary>{t('resourceHashShow')}</summary>
        <code class="quai-break">{resource.upload.sha256}</code>
      </details>,
    ]);
  else if (resource.url)
    rows.push([
      t('resourceUrl'),
      <a href={resource.url} class="quai-break">
        {resource.url}
      </a>,
    ]);
  rows.push([
    t('resourceModified'),
    formatDateTime(locale, resource.lastModified ?? resource.metadataModified),
  ]);
  return (
    <Layout
      ctx={ctx}
      title={`${name.text} — ${datasetTitle.text}`}
      section="search"
      breadcrumbs={[
        { label: t('searchTitle'), href: href(locale, 'search') },
        { label: datasetTitle.text, href: datasetHref },
        { label: name.text },
      ]}
    >
      <h1 lang={name.lang}>{name.text}</h1>
      <p class="quai-lead">
        {t('resourceOf')}{' '}
        <a href={datasetHref} lang={datasetTitle.lang}>
          {datasetTitle.text}
        </a>
      </p>
      {description ? <p lang={description.lang}>{description.text}</p> : null}
      <p class="quai-download-line">
        <DownloadLink ctx={ctx} resource={resource} index={index} />
      </p>
      {canEdit ? (
        <ul class="quai-actions">
          <li>
            <a class="qc-button qc-secondary" href={href(locale, 'editResource', pageParams)}>
              {t('editResource')}
            </a>
          </li>
          <li>
            <a class="qc-button qc-secondary" href={href(locale, 'deleteResource', pageParams)}>
              {t('deleteResource')}
            </a>
          </li>
        </ul>
      ) : null}
      <dl class="quai-metadata">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {versions.length > 0 ? <Versions ctx={ctx} versions={versions} /> : null}
      <UsageSection ctx={ctx} months={usage} />
      {views ? <DataViews ctx={ctx} model={views} /> : null}
      {embed ? (
        <details class="quai-embed-code">
          <summary>{t('embedTitle')}</summary>
          <p id="integrer-aide">{t('embedLead')}</p>
          <label class="quai-label" for="code-integration">
            {t('embedCodeLabel')}
          </label>
          <textarea
            id="code-integration"
            class="quai-input quai-input-long"
            rows={3}
            readOnly
            aria-describedby="integrer-aide"
            spellcheck={false}
          >
            {embedCode(embed.url, embed.title)}
          </textarea>
        </details>
      ) : null}
      <DataPreview ctx={ctx} view={preview} />
      {integrity ? <CodeIntegrity ctx={ctx} model={integrity} /> : null}
      {conformance ? <SchemaConformance ctx={ctx} model={conformance} /> : null}
      {guessHref ? (
        <p>
          <a href={guessHref}>{t('guessLink')}</a>
        </p>
      ) : null}
      {manager ? <ViewManager ctx={ctx} model={manager} /> : null}
      <p>
        <a href={datasetHref}>{t('backToDataset')}</a>
      </p>
    </Layout>
  );
}

/** The files the resource had before, each downloadable, with the dates it was current. */
function Versions({ ctx, versions }: { ctx: PageContext; versions: ResourceVersion[] }) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="versions-precedentes">
      <h2 id="versions-precedentes">{t('versionsTitle')}</h2>
      <ul class="quai-versions">
        {versions.map((version) => {
          const file = version.upload?.filename ?? version.url ?? '';
          const details = [version.format, version.size === null ? null : formatSize(locale, version.size)]
            .filter(Boolean)
            .join(', ');
          const link = version.upload
            ? `/api/v1/resources/${version.resourceId}/versions/${version.version}/download`
            : (version.url ?? '');
          return (
            <li key={version.version}>
              <a href={link}>{t('versionDownload', { version: version.version, file })}</a>
              {details ? ` (${details})` : null}{' '}
              {t('versionPeriod', {
                from: formatDate(locale, version.published),
                to: formatDate(locale, version.replaced),
              })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
