import type { Resource } from '../../catalog/index.js';
import { resourceUrl } from '../../catalog/index.js';
import { formatSize } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { type Picked, pick } from '../ui/localized.js';

/** A resource's name in the page's language; its file name, or "Resource 2", when it has none. */
export function resourceName(ctx: PageContext, resource: Resource, index: number): Picked {
  return (
    pick(ctx.locale, resource.name) ?? {
      text: resource.upload?.filename ?? ctx.t('resourceNumber', { number: index + 1 }),
      lang: undefined,
    }
  );
}

/** "CSV, 2,3 Mo": what a download link must say besides the name (WCAG 2.4.4). */
export function resourceDetails(ctx: PageContext, resource: Resource): string {
  const parts = [resource.format ?? ctx.t('unknownFormat')];
  if (resource.size !== null) parts.push(formatSize(ctx.locale, resource.size));
  return parts.join(', ');
}

/** A table written through the DataStore API: its file is this site's dump of it. */
function isDatastoreDump(resource: Resource): boolean {
  return resource.upload === null && (resource.url ?? '').endsWith(`/datastore/dump/${resource.id}`);
}

/** Where a resource is downloaded from (a path on this site for uploads and dumps, the link otherwise). */
export function downloadHref(resource: Resource): string {
  return isDatastoreDump(resource) ? `/datastore/dump/${resource.id}` : resourceUrl('', resource);
}

export function DownloadLink({
  ctx,
  resource,
  index,
}: {
  ctx: PageContext;
  resource: Resource;
  index: number;
}) {
  const name = resourceName(ctx, resource, index);
  const external = resource.upload === null && !isDatastoreDump(resource);
  const label = external
    ? ctx.t('openLink', { name: name.text })
    : ctx.t('download', { name: name.text, details: resourceDetails(ctx, resource) });
  return (
    <a
      class="qc-button qc-primary qc-compact quai-download"
      href={downloadHref(resource)}
      aria-label={label}
      rel={external ? 'noopener' : undefined}
      download={external ? undefined : (resource.upload?.filename ?? '')}
    >
      {external ? ctx.t('openShort') : ctx.t('downloadShort')}
    </a>
  );
}

/** The resources of a dataset: name, format and size, description, download and details links. */
/** Past this many resources, those named « group — file » are folded by group. */
const GROUPED_FROM = 12;
const GROUP_SEPARATOR = ' — ';

export function ResourceList({
  ctx,
  datasetName,
  resources,
}: {
  ctx: PageContext;
  datasetName: string;
  resources: Resource[];
}) {
  if (resources.length === 0) return <p>{ctx.t('noResources')}</p>;
  const item = (resource: Resource) => (
    <ResourceItem
      key={resource.id}
      ctx={ctx}
      datasetName={datasetName}
      resource={resource}
      index={resources.indexOf(resource)}
    />
  );
  // Many files by period (« 2025-03 — Paquet de releases »): one folded list per period, the
  // latest open, the others one line each.
  const groups = new Map<string, Resource[]>();
  const single: Resource[] = [];
  for (const [index, resource] of resources.entries()) {
    const name = resourceName(ctx, resource, index).text;
    const at = name.indexOf(GROUP_SEPARATOR);
    if (resources.length < GROUPED_FROM || at <= 0) single.push(resource);
    else groups.set(name.slice(0, at), [...(groups.get(name.slice(0, at)) ?? []), resource]);
  }
  return (
    <>
      {single.length > 0 ? <ul class="quai-resources">{single.map(item)}</ul> : null}
      {[...groups.entries()].map(([group, members], position) => (
        <details key={group} class="quai-resource-group" open={position === 0}>
          <summary>{ctx.t('resourceGroup', { group, count: members.length })}</summary>
          <ul class="quai-resources">{members.map(item)}</ul>
        </details>
      ))}
    </>
  );
}

function ResourceItem({
  ctx,
  datasetName,
  resource,
  index,
}: {
  ctx: PageContext;
  datasetName: string;
  resource: Resource;
  index: number;
}) {
  const name = resourceName(ctx, resource, index);
  const description = pick(ctx.locale, resource.description);
  return (
    <li class="quai-resource">
      <div class="quai-resource-text">
        <h3>
          <a href={href(ctx.locale, 'resource', { name: datasetName, id: resource.id })} lang={name.lang}>
            {name.text}
          </a>
        </h3>
        <p class="quai-resource-meta">
          <span class="quai-format">{resource.format ?? ctx.t('unknownFormat')}</span>
          {resource.size !== null ? ` ${formatSize(ctx.locale, resource.size)}` : null}
        </p>
        {description ? <p lang={description.lang}>{description.text}</p> : null}
      </div>
      <DownloadLink ctx={ctx} resource={resource} index={index} />
    </li>
  );
}
