import type { Config } from '../../../config.js';
import type { AccountsService, Actor } from '../../accounts/index.js';
import type { CatalogService, UploadedFile } from '../../catalog/index.js';
import type { DatastoreService } from '../../datastore/index.js';
import type { CkanData } from '../params.js';

export interface CkanDeps {
  catalog: CatalogService;
  accounts: AccountsService;
  datastore: DatastoreService;
  config: Config;
  baseUrl: string;
}

/** What an action receives: the caller, the request's data dict, and the uploaded file if any. */
export interface ActionContext {
  actor: Actor;
  data: CkanData;
  file: UploadedFile | null;
  deps: CkanDeps;
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
