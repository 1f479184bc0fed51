import { isRobot } from '../../../platform/http/robots.js';
import type { Actor } from '../../accounts/index.js';
import { type Dataset, datasetLinks, presentSchemaOrg } from '../../catalog/index.js';
import { href } from '../i18n/paths.js';
import { type PageRoutes, siteTitle, type WebDeps } from '../shell/page-routes.js';
import { codeSamples } from '../ui/code-samples.js';
import { hasCoverageMap } from './coverage.js';
import { DatasetPage } from './dataset.page.js';
import { mayEdit } from './loaders.js';
import { PLACE_EXTRA, placeLabel } from './places.js';
import { downloadHref } from './resources.js';
import type { TablePeekModel } from './table-peek.js';

const ACTIVITY_SHOWN = 10;

import { followState } from '../community/follow.js';

/** A dataset's page. */
export function datasetRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, config } = deps;
  const { baseUrl } = config;

  pages.get('dataset', async (page) => {
    const dataset = await catalog.datasets.get(page.actor, page.params.name ?? '');
    // An old address (by id, or a name since changed) leads to the dataset's own address.
    if (page.params.name !== dataset.name) return page.redirect('dataset', { name: dataset.name });
    if (!isRobot(page.request.headers['user-agent'])) catalog.pageViews.record(dataset.id);
    // What the page shows beside the dataset, read at once (each its own query).
    const open = !dataset.private && dataset.state === 'active';
    const back = href(page.locale, 'dataset', { name: dataset.name });
    const [
      activity,
      { links, ...report },
      peek,
      usage,
      resourceUsage,
      place,
      follow,
      followers,
      reuses,
      talk,
    ] = await Promise.all([
      catalog.activity.forDataset(page.actor, dataset.id, { limit: ACTIVITY_SHOWN, offset: 0 }),
      deps.quality.scores.report(page.actor, dataset.id),
      tablePeek(deps, page.actor, page.locale, dataset),
      catalog.pageViews.usage(dataset.id),
      catalog.pageViews.byResource(dataset.id),
      placeLabel(deps.reference.reference, page.locale, dataset.extras[PLACE_EXTRA]),
      // Only a public dataset is followed (its changes are told to anyone).
      open ? followState(deps.community.follows, page.actor, 'dataset', dataset.id, back) : null,
      open ? deps.community.follows.followers('dataset', dataset.id) : 0,
      open ? deps.community.reuses.ofDataset(dataset.id, 6) : null,
      // Discussions are for whoever reads the dataset (a private one's, for its members).
      deps.community.discussions.ofDataset(page.actor, dataset.id),
    ]);
    const pageUrl = `${baseUrl}${href(page.locale, 'dataset', { name: dataset.name })}`;
    const csv = dataset.resources.find((resource) => resource.format === 'CSV');
    const view = {
      dataset,
      activity,
      canEdit: mayEdit(page.actor, dataset),
      samples: codeSamples(
        baseUrl,
        dataset.name,
        csv ? absolute(baseUrl, downloadHref(csv)) : null,
        peek?.resourceId ?? null,
      ),
      peek,
      usage,
      resourceUsage,
      tiles: config.mapTiles,
      place,
      schemaOrg: {
        ...presentSchemaOrg(baseUrl, { title: siteTitle(config, page.locale) }, dataset),
        url: pageUrl,
      },
      metadataLinks: metadataLinks(baseUrl, dataset),
      quality: { report, links, resources: dataset.resources },
      follow,
      followers,
      reuses,
      threads: talk.threads,
      signedIn: page.actor.user !== null,
    };
    const ctx = page.context(
      { page: 'dataset', params: { name: dataset.name } },
      { scripts: hasCoverageMap(dataset) ? ['tabs', 'map'] : ['tabs'] },
    );
    return <DatasetPage ctx={ctx} view={view} />;
  });
}

function metadataLinks(baseUrl: string, dataset: Dataset) {
  const links = datasetLinks(baseUrl, dataset);
  return [
    { label: 'DCAT-AP (Turtle)', href: links.dcat_turtle, type: 'text/turtle' },
    { label: 'DCAT-AP (JSON-LD)', href: links.dcat_jsonld, type: 'application/ld+json' },
    { label: 'schema.org (JSON-LD)', href: links.schema_org, type: 'application/ld+json' },
    { label: 'JSON (API REST)', href: links.self, type: 'application/json' },
    {
      label: 'JSON (API CKAN)',
      href: `${baseUrl}/api/3/action/package_show?id=${encodeURIComponent(dataset.name)}`,
      type: 'application/json',
    },
  ];
}

const absolute = (baseUrl: string, url: string) => (url.startsWith('/') ? `${baseUrl}${url}` : url);
const PEEK_ROWS = 5;
/** Resources looked at for a loaded table (the first ones, in the dataset's order). */
const PEEK_CANDIDATES = 3;

/** The first rows of the dataset's first loaded table (CSV, XLSX, JSON…), if any. */
async function tablePeek(
  deps: WebDeps,
  actor: Actor,
  locale: 'fr' | 'en',
  dataset: Dataset,
): Promise<TablePeekModel | null> {
  for (const [index, resource] of dataset.resources.slice(0, PEEK_CANDIDATES).entries()) {
    const status = await deps.datastore.status(actor, resource.id).catch(() => null);
    if (!status?.table) continue;
    const result = await deps.datastore.query(
      actor,
      resource.id,
      {},
      { limit: PEEK_ROWS, offset: 0, count: false },
    );
    return {
      datasetName: dataset.name,
      resourceId: resource.id,
      resourceName: resource.name[locale] ?? resource.name.fr ?? resource.upload?.filename ?? `#${index + 1}`,
      columns: result.columns,
      rows: result.rows,
      total: status.table.rowCount,
    };
  }
  return null;
}
