import type { Config } from '../../../config.js';
import type { AccountsService, Actor } from '../../accounts/index.js';
import type { CatalogService, Dataset, Resource, UploadedFile } from '../../catalog/index.js';
import type { DatastoreService, SavedViewsService, WriteService } from '../../datastore/index.js';
import type { CkanData } from '../params.js';

export interface CkanDeps {
  catalog: CatalogService;
  accounts: AccountsService;
  datastore: DatastoreService;
  /** Charts and maps saved on resources (CKAN's resource views). */
  views: SavedViewsService;
  /** Tables written through the DataStore API. */
  writes: WriteService;
  config: Config;
  baseUrl: string;
}

/** What an action receives: the caller, the request's data dict, and the uploaded file if any. */
export interface ActionContext {
  actor: Actor;
  data: CkanData;
  file: UploadedFile | null;
  deps: CkanDeps;
  /** The client's user agent: reads by crawlers are not counted as use. */
  userAgent?: string | undefined;
}

export interface ActionDefinition {
  /** Read-only actions answer GET as well as POST (CKAN's side_effect_free). */
  sideEffectFree: boolean;
  /** The docstring help_show returns. */
  doc: string;
  run(context: ActionContext): Promise<unknown>;
}

export type ActionTable = Record<string, ActionDefinition>;

export function readAction(doc: string, run: ActionDefinition['run']): ActionDefinition {
  return { sideEffectFree: true, doc, run };
}

export function writeAction(doc: string, run: ActionDefinition['run']): ActionDefinition {
  return { sideEffectFree: false, doc, run };
}

/** Which of the resources shown have a queryable table (datastore_active), in one query. */
export function activeTables(deps: CkanDeps, shown: { datasets?: Dataset[]; resources?: Resource[] }) {
  const ids = [
    ...(shown.datasets ?? []).flatMap((dataset) => dataset.resources.map((resource) => resource.id)),
    ...(shown.resources ?? []).map((resource) => resource.id),
  ];
  return deps.datastore.activeResources(ids);
}
