import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Dataset, datasetLinks, presentSchemaOrg } from '../../catalog/index.js';
import { codeSamples } from '../components/code-samples.js';
import { type DataPreviewView, PREVIEW_ROWS, type PreviewState } from '../components/data-preview.js';
import { downloadHref } from '../components/resources.js';
import { href } from '../i18n/paths.js';
import { mayEdit } from '../loaders.js';
import { formFields, type PageRequest, type PageRoutes, siteTitle, type WebDeps } from '../page-routes.js';
import { DatasetPage } from '../pages/dataset.js';
import { ResourcePage } from '../pages/resource.js';

const ACTIVITY_SHOWN = 10;

/** A dataset's page, its resources' pages, and publishing a draft. */
export function datasetRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, config } = deps;
  const { baseUrl } = config;

  pages.get('dataset', async (page) => {
    const dataset = await catalog.datasets.get(page.actor, page.params.name ?? '');
    // An old address (by id, or a name since changed) leads to the dataset's own address.
    if (page.params.name !== dataset.name) return page.redirect('dataset', { name: dataset.name });
    const activity = await catalog.activity.forDataset(page.actor, dataset.id, {
      limit: ACTIVITY_SHOWN,
      offset: 0,
    });
    if (!isRobot(page.request.headers['user-agent'])) catalog.views.record(dataset.id);
    const pageUrl = `${baseUrl}${href(page.locale, 'dataset', { name: dataset.name })}`;
    const csv = dataset.resources.find((resource) => resource.format === 'CSV');
    const view = {
      dataset,
      activity,
      canEdit: mayEdit(page.actor, dataset),
      samples: codeSamples(baseUrl, dataset.name, csv ? absolute(baseUrl, downloadHref(csv)) : null),
      schemaOrg: {
        ...presentSchemaOrg(baseUrl, { title: siteTitle(config, page.locale) }, dataset),
        url: pageUrl,
      },
      metadataLinks: metadataLinks(baseUrl, dataset),
    };
    const ctx = page.context({ page: 'dataset', params: { name: dataset.name } }, { scripts: ['tabs'] });
    return <DatasetPage ctx={ctx} view={view} />;
  });

  pages.get('resource', async (page) => {
    const { dataset, resource } = await catalog.resources.get(page.actor, page.params.id ?? '');
    if (dataset.name !== page.params.name && dataset.id !== page.params.name) {
      throw new NotFoundError(
        'resource',
        page.params.id ?? '',
        localized('Ressource introuvable', 'Resource not found'),
      );
    }
    const state = previewState(page.query);
    const query = state.q || state.sort ? `${new URLSearchParams(previewParams(state))}` : undefined;
    const ctx = page.context({ page: 'resource', params: { name: dataset.name, id: resource.id }, query });
    const preview = await dataPreview(deps, page, dataset, resource.id, state);
    return <ResourcePage ctx={ctx} dataset={dataset} resource={resource} preview={preview} />;
  });

  pages.post('publishDataset', async (page) => {
    formFields(page, deps.cookies);
    const dataset = await catalog.datasets.get(page.actor, page.params.name ?? '');
    await catalog.datasets.publish(page.actor, dataset.id);
    deps.cookies.notify(page.reply, 'published');
    return page.redirect('dataset', { name: dataset.name });
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

/** Crawlers are not readers: their visits do not count as views. */
function isRobot(userAgent: string | undefined): boolean {
  return !userAgent || /bot|crawl|spider|slurp|curl|wget|python|httpclient|autocannon/i.test(userAgent);
}

function previewState(query: Record<string, string | string[] | undefined>): PreviewState {
  const one = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  const page = Number.parseInt(one(query.page), 10);
  return {
    q: one(query.q).slice(0, 200),
    sort: one(query.sort).slice(0, 200),
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

function previewParams(state: PreviewState): Record<string, string> {
  return { ...(state.q ? { q: state.q } : {}), ...(state.sort ? { sort: state.sort } : {}) };
}

/** The data preview of a resource: its load's state and, once published, a page of its table. */
async function dataPreview(
  deps: WebDeps,
  page: PageRequest,
  dataset: Dataset,
  resourceId: string,
  state: PreviewState,
): Promise<DataPreviewView> {
  const { load, table } = await deps.datastore.status(page.actor, resourceId);
  const { locale } = page;
  const link = (next: PreviewState) => {
    const params = new URLSearchParams(previewParams(next));
    if (next.page > 1) params.set('page', String(next.page));
    return `${href(locale, 'resource', { name: dataset.name, id: resourceId }, params)}#apercu`;
  };
  const dataUrl = (format: string) =>
    `/api/v1/resources/${resourceId}/data?${new URLSearchParams({ format, ...previewParams(state) })}`;
  if (!table)
    return { state, load, table: null, chart: null, canEdit: mayEdit(page.actor, dataset), link, dataUrl };
  const offset = (state.page - 1) * PREVIEW_ROWS;
  const result = await deps.datastore
    .query(page.actor, resourceId, previewParams(state), { limit: PREVIEW_ROWS, offset, count: true })
    .catch(async (error: unknown) => {
      // A sort on a column that no longer exists (an old link): the plain order instead.
      if (!(error instanceof ValidationError)) throw error;
      return deps.datastore.query(page.actor, resourceId, state.q ? { q: state.q } : {}, {
        limit: PREVIEW_ROWS,
        offset,
        count: true,
      });
    });
  return {
    state,
    load,
    table: { columns: result.columns, rows: result.rows, total: result.total ?? 0 },
    chart: await deps.datastore.chart(page.actor, resourceId),
    canEdit: mayEdit(page.actor, dataset),
    link,
    dataUrl,
  };
}
