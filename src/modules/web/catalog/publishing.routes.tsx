import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { isSysadmin } from '../../accounts/index.js';
import { type Dataset, publicationGaps } from '../../catalog/index.js';
import { href } from '../i18n/paths.js';
import {
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { editableDataset } from './loaders.js';
import {
  DeleteResourcePage,
  ManageDatasetPage,
  type PublicationGap,
  PublishPage,
} from './publishing.page.js';
import { resourceName } from './resources.js';

/** Where the publisher fixes each gap the catalog reports (by the gap's field). */
function fixHref(page: PageRequest, dataset: Dataset, path: string): string {
  const params = { name: dataset.name };
  if (path === 'resources') return href(page.locale, 'newResource', params);
  const field = path === 'notes.fr' ? 'notes_fr' : path;
  return `${href(page.locale, 'editDataset', params)}#champ-${field}`;
}

/** Publishing a draft (with its confirmation), taking it back, changing who sees it, deleting it. */
export function publishingRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, cookies } = deps;

  function renderPublish(page: PageRequest, dataset: Dataset, issues = publicationGaps(dataset)) {
    const gaps: PublicationGap[] = issues.map((issue) => ({
      message: issue.message[page.locale],
      fixHref: fixHref(page, dataset, issue.path),
    }));
    if (gaps.length > 0) page.reply.code(422);
    const ctx = page.context({ page: 'publishDataset', params: { name: dataset.name } });
    return <PublishPage ctx={ctx} dataset={dataset} gaps={gaps} />;
  }

  pages.get('publishDataset', async (page) => {
    const dataset = await editableDataset(page, catalog);
    if (dataset.state !== 'draft') return page.redirect('dataset', { name: dataset.name });
    const view = renderPublish(page, dataset);
    // Gaps on a page asked for are not an error of the request.
    page.reply.code(200);
    return view;
  });

  pages.post('publishDataset', async (page) => {
    formFields(page, cookies);
    const dataset = await editableDataset(page, catalog);
    try {
      await catalog.datasets.publish(page.actor, dataset.id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderPublish(page, dataset, error.issues);
    }
    cookies.notify(page.reply, 'published');
    return page.redirect('dataset', { name: dataset.name });
  });

  function renderManage(page: PageRequest, dataset: Dataset, errors: FieldErrors) {
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const ctx = page.context({ page: 'manageDataset', params: { name: dataset.name } });
    return (
      <ManageDatasetPage ctx={ctx} dataset={dataset} errors={errors} canRestore={isSysadmin(page.actor)} />
    );
  }

  pages.get('manageDataset', async (page) => renderManage(page, await editableDataset(page, catalog), {}));

  pages.post('manageDataset', async (page) => {
    const fields = formFields(page, cookies);
    const dataset = await editableDataset(page, catalog);
    const params = { name: dataset.name };
    switch (fieldText(fields.action)) {
      case 'unpublish':
        await catalog.datasets.unpublish(page.actor, dataset.id);
        cookies.notify(page.reply, 'unpublished');
        return page.redirect('dataset', params);
      case 'private':
      case 'public':
        await catalog.datasets.setVisibility(page.actor, dataset.id, fieldText(fields.action) === 'private');
        cookies.notify(page.reply, 'visibilityChanged');
        return page.redirect('dataset', params);
      case 'restore':
        await catalog.datasets.restore(page.actor, dataset.id);
        cookies.notify(page.reply, 'datasetRestored');
        return page.redirect('dataset', params);
      case 'delete':
        if (fieldText(fields.confirm) !== 'oui')
          return renderManage(page, dataset, { confirm: page.t('deleteUnconfirmed') });
        await catalog.datasets.delete(page.actor, dataset.id);
        cookies.notify(page.reply, 'datasetDeleted');
        return page.redirect('workspace');
      default:
        return page.redirect('manageDataset', params);
    }
  });

  /** The resource of the page's address, in a dataset the actor may edit. */
  async function editableResource(page: PageRequest) {
    const dataset = await editableDataset(page, catalog);
    const index = dataset.resources.findIndex((resource) => resource.id === page.params.id);
    const resource = dataset.resources[index];
    if (resource) return { dataset, resource, index };
    throw new NotFoundError(
      'resource',
      page.params.id ?? '',
      localized('Ressource introuvable', 'Resource not found'),
    );
  }

  async function renderDeleteResource(page: PageRequest, errors: FieldErrors) {
    const { dataset, resource, index } = await editableResource(page);
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const ctx = page.context({ page: 'deleteResource', params: { name: dataset.name, id: resource.id } });
    const name = resourceName(ctx, resource, index).text;
    return <DeleteResourcePage ctx={ctx} dataset={dataset} resource={resource} name={name} errors={errors} />;
  }

  pages.get('deleteResource', (page) => renderDeleteResource(page, {}));

  pages.post('deleteResource', async (page) => {
    const fields = formFields(page, cookies);
    if (fieldText(fields.confirm) !== 'oui')
      return renderDeleteResource(page, { confirm: page.t('deleteUnconfirmed') });
    const { dataset, resource } = await editableResource(page);
    await catalog.resources.delete(page.actor, resource.id);
    cookies.notify(page.reply, 'resourceDeleted');
    return page.redirect('dataset', { name: dataset.name });
  });
}
