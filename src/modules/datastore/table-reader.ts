import path from 'node:path';
import type { Db } from '../../platform/db/index.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { isUuid } from '../../platform/validation.js';
import type { Actor } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { createDatastoreRepo, type TableRow } from './datastore.repo.js';
import type { Table } from './datastore.types.js';

/** A published table the caller may read, with where its Parquet file is (for this module's reads). */
export interface OpenTable {
  table: Table;
  /** The Parquet file's absolute path: never shown outside the module. */
  file: string;
}

/**
 * Who may read or edit a resource's table, checked through the catalog (a table follows its
 * resource's dataset), and its file: shared by the datastore's services.
 */
export function createTableReader(deps: { db: Db; catalog: CatalogService; root: string }) {
  const repo = createDatastoreRepo(deps.db);

  const open = (row: TableRow): OpenTable => {
    const { file, loadId: _loadId, ...table } = row;
    return { table, file: path.join(deps.root, file) };
  };

  /** A resource id, or the resource an alias names (CKAN's aliases); the text itself otherwise. */
  async function resolve(reference: string): Promise<string> {
    if (isUuid(reference)) return reference;
    return (await repo.aliasTarget(reference)) ?? reference;
  }

  /**
   * The table of a resource (by id or alias) the actor may read; "not found" otherwise (existence
   * stays private).
   */
  async function readable(actor: Actor, reference: string): Promise<OpenTable> {
    const resourceId = await resolve(reference);
    await deps.catalog.resources.get(actor, resourceId);
    const row = await repo.table(resourceId);
    if (!row) {
      throw new NotFoundError(
        'datastore table',
        resourceId,
        localized(
          'Les données de cette ressource ne sont pas (encore) interrogeables.',
          'Resource has no datastore table (yet).',
        ),
      );
    }
    return open(row);
  }

  return {
    readable,
    resolve,

    /** The table of a resource the actor may edit (403 for a reader, "not found" for others). */
    async editable(actor: Actor, reference: string): Promise<OpenTable> {
      const resourceId = await resolve(reference);
      const { dataset } = await deps.catalog.resources.get(actor, resourceId);
      await deps.catalog.datasets.editableRef(actor, dataset.id);
      return readable(actor, resourceId);
    },
  };
}

export type TableReader = ReturnType<typeof createTableReader>;
