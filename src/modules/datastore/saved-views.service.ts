import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Localized } from '../../platform/i18n/index.js';
import { isUuid } from '../../platform/validation.js';
import type { Actor } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { DatastoreService } from './datastore.service.js';
import { type ChartData, chartData } from './query/chart-query.duckdb.js';
import { distinctCounts } from './query/table-query.duckdb.js';
import { createSavedViewsRepo } from './saved-views.repo.js';
import { createTableReader, type OpenTable } from './table-reader.js';
import {
  type ChartSpec,
  checkView,
  type MapSpec,
  type SavedView,
  suggestChart,
  suggestMap,
} from './views.js';

/**
 * Charts and maps of a table: the ones publishers saved on the resource, the ones its column
 * types suggest, and the figures a chart draws.
 */
export function createSavedViewsService(deps: {
  db: Db;
  duck: Duck;
  catalog: CatalogService;
  datastore: DatastoreService;
  root: string;
}) {
  const repo = createSavedViewsRepo(deps.db);
  const tables = createTableReader(deps);

  async function figures({ table, file }: OpenTable, spec: ChartSpec): Promise<ChartData> {
    const x = spec.kind === 'bar' ? spec.category : spec.x;
    const xType = table.columns.find((column) => column.id === x)?.type ?? 'text';
    const connection = await deps.duck.connect();
    try {
      return await chartData(connection, file, spec, xType);
    } finally {
      connection.closeSync();
    }
  }

  return {
    /** The views saved on a resource the actor may read, oldest first. */
    async list(actor: Actor, resourceId: string): Promise<SavedView[]> {
      await deps.catalog.resources.get(actor, resourceId);
      return repo.list(resourceId);
    },

    async get(actor: Actor, resourceId: string, viewId: string): Promise<SavedView> {
      await deps.catalog.resources.get(actor, resourceId);
      const view = (await repo.list(resourceId)).find((candidate) => candidate.id === viewId);
      if (!view) throw new NotFoundError('view', viewId);
      return view;
    },

    /** A saved view by its id alone, when the actor may read its resource ("not found" otherwise). */
    async find(actor: Actor, viewId: string): Promise<SavedView> {
      const view = isUuid(viewId) ? await repo.byId(viewId) : null;
      if (!view) throw new NotFoundError('view', viewId);
      await deps.catalog.resources.get(actor, view.resourceId).catch(() => {
        throw new NotFoundError('view', viewId);
      });
      return view;
    },

    /** Changes a saved view's title and spec (editors of its dataset). */
    async update(
      actor: Actor,
      viewId: string,
      input: { title?: unknown; spec?: unknown },
    ): Promise<SavedView> {
      const current = await this.find(actor, viewId);
      const table = await deps.datastore.editableTable(actor, current.resourceId);
      const { title, spec } = checkView(table.columns, input);
      await repo.update(viewId, { title, spec });
      return { ...current, title, spec };
    },

    /**
     * Saves a view on a resource (editors of its dataset). A free id may be given (a view moved
     * from another portal keeps its id); otherwise one is made.
     */
    async create(
      actor: Actor,
      resourceId: string,
      input: { title?: unknown; spec?: unknown; id?: string },
    ): Promise<SavedView> {
      const table = await deps.datastore.editableTable(actor, resourceId);
      const { title, spec } = checkView(table.columns, input);
      const id =
        input.id !== undefined && isUuid(input.id) && !(await repo.byId(input.id)) ? input.id : randomUUID();
      await repo.insert({ id, resourceId, title, spec, createdBy: actor.user?.id ?? null });
      return { id, resourceId, title, spec, createdAt: new Date() };
    },

    async remove(actor: Actor, resourceId: string, viewId: string): Promise<void> {
      await deps.datastore.editableTable(actor, resourceId);
      if (!(await repo.remove(resourceId, viewId))) throw new NotFoundError('view', viewId);
    },

    /** What the table's columns suggest when no view is saved: a chart and, for spatial data, a map. */
    async suggested(
      actor: Actor,
      resourceId: string,
    ): Promise<{ chart: ChartSpec | null; map: MapSpec | null }> {
      const { table, file } = await tables.readable(actor, resourceId);
      const candidates = table.columns
        .filter((column) => column.type === 'text' || column.type === 'boolean')
        .slice(0, 12);
      const connection = await deps.duck.connect();
      try {
        const counts = await distinctCounts(
          connection,
          file,
          candidates.map((column) => column.id),
        );
        const distinct = new Map(candidates.map((column, index) => [column.id, counts[index] ?? 0]));
        return { chart: suggestChart(table.columns, distinct), map: suggestMap(table.columns) };
      } finally {
        connection.closeSync();
      }
    },

    /** A view checked against the table as `create` would, without saving it (a preview). */
    async check(actor: Actor, resourceId: string, input: { title?: unknown; spec?: unknown }) {
      const table = await deps.datastore.editableTable(actor, resourceId);
      return checkView(table.columns, input);
    },

    /** A chart's figures; its spec is checked again against the table (columns change with files). */
    async chart(actor: Actor, resourceId: string, spec: ChartSpec, title?: Localized): Promise<ChartData> {
      const open = await tables.readable(actor, resourceId);
      checkView(open.table.columns, { title: title ?? { fr: '-', en: '-' }, spec });
      return figures(open, spec);
    },
  };
}

export type SavedViewsService = ReturnType<typeof createSavedViewsService>;
