import type { Resource } from '../../catalog/index.js';
import { resourceUrl } from '../../catalog/index.js';
import { resourceInputFromDict } from '../input.js';
import { type CkanData, readString, requireString } from '../params.js';
import { presentResource } from '../present.js';
import {
  type ActionContext,
  type ActionTable,
  activeTables,
  type CkanDeps,
  readAction,
  writeAction,
} from './action.js';

/** One resource as resource_show gives it. */
export async function presentOneResource(deps: CkanDeps, resource: Resource) {
  return presentResource(deps.baseUrl, resource, await activeTables(deps, { resources: [resource] }));
}

/** resource_update: the dict replaces the resource; its file stays unless a new one or a new link comes. */
async function updateResource({ actor, deps, file }: ActionContext, data: CkanData) {
  const id = requireString(data, 'id');
  const { resource } = await deps.catalog.resources.get(actor, id);
  const url = readString(data, 'url');
  // CKAN keeps an uploaded file when the client sends back its download URL, or no URL at all.
  const keepsFile =
    resource.upload !== null &&
    data.url_type === undefined &&
    (url === null || url === resourceUrl(deps.baseUrl, resource));
  const input = resourceInputFromDict(keepsFile ? { ...data, url_type: 'upload' } : data, file);
  const updated = await deps.catalog.resources.update(actor, id, input);
  return await presentOneResource(deps, updated.resource);
}

export const resourceActions: ActionTable = {
  resource_show: readAction(
    'Return the metadata of a resource.\n\n:param id: the id of the resource\n:rtype: dictionary',
    async ({ actor, data, deps }) => {
      const { resource } = await deps.catalog.resources.get(actor, requireString(data, 'id'));
      return await presentOneResource(deps, resource);
    },
  ),

  resource_create: writeAction(
    'Add a resource to a dataset: a link (url) or a file (multipart field "upload", any size).\n\n:param package_id: the id or name of the dataset\n:param url: (optional when uploading)\n:param name: (optional)\n:param format: (optional, guessed from the file name)\n:param upload: (optional) the file\n:rtype: dictionary',
    async ({ actor, data, deps, file }) => {
      const input = resourceInputFromDict(data, file);
      const created = await deps.catalog.resources.create(actor, requireString(data, 'package_id'), input);
      return await presentOneResource(deps, created.resource);
    },
  ),

  resource_update: writeAction(
    'Update a resource. The dict replaces the resource; an uploaded file is kept unless a new file or another url is given.\n\n:param id: the id of the resource\n:param upload: (optional) a new file\n:rtype: dictionary',
    (context) => updateResource(context, context.data),
  ),

  resource_patch: writeAction(
    'Change some fields of a resource (or its file, with "upload"); the others keep their value.\n\n:param id: the id of the resource\n:rtype: dictionary',
    async (context) => {
      const { actor, data, deps } = context;
      const { resource } = await deps.catalog.resources.get(actor, requireString(data, 'id'));
      return updateResource(context, { ...(await presentOneResource(deps, resource)), ...data });
    },
  ),

  resource_delete: writeAction(
    'Delete a resource.\n\n:param id: the id of the resource',
    async ({ actor, data, deps }) => {
      await deps.catalog.resources.delete(actor, requireString(data, 'id'));
      return null;
    },
  ),
};
