import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { isRobot } from '../../../platform/http/robots.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Dataset, Resource } from '../../catalog/index.js';
import type { ViewSpec } from '../../datastore/index.js';
import { editableDataset, mayEdit } from '../catalog/loaders.js';
import { href } from '../i18n/paths.js';
import type { ConformanceModel } from '../schemas/conformance.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { EmbedPage } from './embed.page.js';
import { integrityModel } from './integrity-data.js';
import { ResourcePage } from './resource.page.js';
import { dataPreview, previewQuery, previewState, savedViews } from './resource-data.js';
import { VIEW_FORM_FIELDS, type ViewFormValues, type ViewManagerModel } from './view-manager.js';

const EMPTY_VIEW_FORM = Object.fromEntries(VIEW_FORM_FIELDS.map((field) => [field, ''])) as ViewFormValues;

/** A resource's page (its data as a table, a chart and a map), and the views its publishers save. */
export function resourceRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog } = deps;

  async function resourceOfPage(page: PageRequest): Promise<{ dataset: Dataset; resource: Resource }> {
    const found = await catalog.resources.get(page.actor, page.params.id ?? '');
    if (found.dataset.name !== page.params.name && found.dataset.id !== page.params.name) {
      throw new NotFoundError(
        'resource',
        page.params.id ?? '',
        localized('Ressource introuvable', 'Resource not found'),
      );
    }
    return found;
  }

  async function render(
    page: PageRequest,
    form: { values: ViewFormValues; errors: FieldErrors; preview?: { title: string; spec: ViewSpec } },
  ) {
    const { dataset, resource } = await resourceOfPage(page);
    // A reader's view of the page (not a publisher's form sent back with errors).
    if (page.request.method === 'GET' && !isRobot(page.request.headers['user-agent'])) {
      catalog.pageViews.recordResource(resource.id);
    }
    const state = previewState(page.query);
    const query = previewQuery(state).toString() || undefined;
    const status = await deps.datastore.status(page.actor, resource.id);
    const preview = await dataPreview(deps, page, dataset, resource.id, state, status);
    const views = status.table
      ? await savedViews(deps, page, dataset, status.table, state, form.preview)
      : null;
    const integrity = status.table ? await integrityModel(deps, page, status.table) : null;
    const declared = resource.extras.schema;
    const conformance: ConformanceModel | null = declared
      ? {
          declared,
          report: await deps.schemas.validation.resourceReport(page.actor, resource.id),
          strict: resource.extras.schema_refuse_invalid === 'true',
          refused: (
            await deps.schemas.validation.refusedVersions(page.actor, { resourceId: resource.id })
          ).map((entry) => ({
            filename: entry.filename,
            refusedAt: entry.refusedAt,
            errors: entry.report?.report.errorCount ?? 0,
          })),
        }
      : null;
    // Its editors may propose a shared schema from a CSV that declares none.
    const csv = /csv/i.test(resource.format ?? '') || /\.csv$/i.test(resource.upload?.filename ?? '');
    const guessHref =
      !declared && csv && (resource.upload || resource.url) && mayEdit(page.actor, dataset)
        ? href(page.locale, 'resourceSchemaGuess', { name: dataset.name, id: resource.id })
        : null;
    const map = views?.shown?.kind === 'map';
    const ctx = page.context(
      { page: 'resource', params: { name: dataset.name, id: resource.id }, query },
      {
        scripts: [
          ...(map ? (['map'] as const) : []),
          ...(mayEdit(page.actor, dataset) ? (['view-form'] as const) : []),
        ],
      },
    );
    let manager: ViewManagerModel | null = null;
    if (status.table && mayEdit(page.actor, dataset)) {
      const params = { name: dataset.name, id: resource.id };
      manager = {
        columns: status.table.columns,
        saved: await deps.savedViews.list(page.actor, resource.id),
        ...form,
        // After a preview, the browser shows the views section, where the preview is drawn.
        addAction: `${href(page.locale, 'resourceViews', params)}#vues`,
        removeAction: (view) => href(page.locale, 'removeResourceView', { ...params, view }),
        dictionaryHref: href(page.locale, 'resourceDictionary', params),
      };
    }
    if (Object.keys(form.errors).length > 0) page.reply.code(422);
    const { versions } = await catalog.resources.versions(page.actor, resource.id);
    // The shown view, for other sites: public data only (a frame carries no session).
    const selected = views?.items.find((item) => item.key === views.selected);
    const embed =
      views?.shown && selected && !dataset.private && dataset.state === 'active'
        ? {
            url: `${deps.config.baseUrl}${href(page.locale, 'embedResource', { name: dataset.name, id: resource.id }, `vue=${encodeURIComponent(selected.key)}`)}`,
            title: selected.title,
          }
        : null;
    return (
      <ResourcePage
        versions={versions}
        usage={await catalog.pageViews.resourceUsage(resource.id)}
        embed={embed}
        canEdit={mayEdit(page.actor, dataset)}
        ctx={ctx}
        dataset={dataset}
        resource={resource}
        preview={preview}
        views={views}
        integrity={integrity}
        conformance={conformance}
        guessHref={guessHref}
        manager={manager}
      />
    );
  }

  pages.get('resource', (page) => render(page, { values: EMPTY_VIEW_FORM, errors: {} }));

  // A chart or map for another site's frame (only what anyone may see: a frame carries no session).
  pages.get('embedResource', async (page) => {
    const { dataset, resource } = await resourceOfPage(page);
    const state = previewState(page.query);
    const status = await deps.datastore.status(page.actor, resource.id);
    const views = status.table ? await savedViews(deps, page, dataset, status.table, state) : null;
    if (!views?.shown) {
      throw new NotFoundError('view', resource.id, localized('Aucune vue à intégrer', 'No view to embed'));
    }
    const params = { name: dataset.name, id: resource.id };
    const query = previewQuery(state).toString() || undefined;
    const ctx = page.context(
      { page: 'embedResource', params, query },
      { scripts: views.shown.kind === 'map' ? ['map'] : [] },
    );
    return <EmbedPage ctx={ctx} dataset={dataset} resource={resource} views={views} />;
  });

  pages.post('resourceViews', async (page) => {
    const fields = formFields(page, deps.cookies);
    await editableDataset(page, catalog);
    const { resource } = await resourceOfPage(page);
    const values = Object.fromEntries(
      VIEW_FORM_FIELDS.map((field) => [field, fieldText(fields[field])]),
    ) as ViewFormValues;
    try {
      if (fieldText(fields.preview) !== '') {
        // Drawn above, not saved: a preview needs no title yet.
        const title = values.title_fr || page.t('viewPreviewUntitled');
        const { spec } = await deps.savedViews.check(page.actor, resource.id, {
          title: { fr: title, en: values.title_en },
          spec: viewSpecOf(values),
        });
        return render(page, {
          values,
          errors: {},
          preview: { title: page.t('viewPreviewTitle', { title }), spec },
        });
      }
      const view = await deps.savedViews.create(page.actor, resource.id, {
        title: { fr: values.title_fr, en: values.title_en },
        spec: viewSpecOf(values),
      });
      deps.cookies.notify(page.reply, 'viewSaved');
      return page.redirect('resource', { name: page.params.name ?? '', id: resource.id }, `vue=${view.id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = fieldErrorsOf(error.issues, page.locale, VIEW_FORM_FIELDS, {
        'title.fr': 'title_fr',
        title: 'title_fr',
        'spec.kind': 'kind',
        'spec.category': 'category',
        'spec.x': 'x',
        'spec.y': 'y',
        'spec.measure.fn': 'measure',
        'spec.measure.column': 'measure_column',
        'spec.latitude': 'latitude',
        'spec.longitude': 'longitude',
      });
      return render(page, { values, errors });
    }
  });

  // The form's address, reloaded after a refused save: back to the resource's page.
  pages.get('resourceViews', async (page) => {
    const { dataset, resource } = await resourceOfPage(page);
    return page.reply.redirect(
      `${href(page.locale, 'resource', { name: dataset.name, id: resource.id })}#ajouter-vue`,
      303,
    );
  });

  pages.post('removeResourceView', async (page) => {
    formFields(page, deps.cookies);
    await editableDataset(page, catalog);
    const { resource } = await resourceOfPage(page);
    await deps.savedViews.remove(page.actor, resource.id, page.params.view ?? '');
    deps.cookies.notify(page.reply, 'viewRemoved');
    return page.redirect('resource', { name: page.params.name ?? '', id: resource.id });
  });
}

/** The form's flat fields as a view spec (the service checks it against the table). */
function viewSpecOf(values: ViewFormValues): unknown {
  const measure = { fn: values.measure || 'count', column: values.measure_column || null };
  if (values.kind === 'bar') return { kind: 'bar', category: values.category, measure };
  if (values.kind === 'line') return { kind: 'line', x: values.x, measure };
  if (values.kind === 'scatter') return { kind: 'scatter', x: values.x, y: values.y };
  return { kind: values.kind, latitude: values.latitude || null, longitude: values.longitude || null };
}
