import type { Actor } from '../../accounts/index.js';
import { SYSTEM } from '../../accounts/index.js';
import type { DatastoreServices } from '../../datastore/index.js';
import { text } from '../readers/common.js';
import type { createMigratedRepo } from './migrated.repo.js';
import { type CkanCall, type Dict, describe, list, type MigrationReport } from './migration.types.js';

/** CKAN's table previews: here every queryable resource has one by itself. */
const TABLE_VIEWS = new Set(['datatables_view', 'recline_view', 'recline_grid_view']);
/** Quai's charts and maps (another Quai being migrated): brought with their spec. */
const SAVED_VIEWS = new Set(['quai_chart', 'quai_map']);

export type ViewDeps = Pick<DatastoreServices, 'savedViews' | 'tables'>;

/**
 * A resource's views (resource_view_list): table previews need nothing (the preview comes with
 * the load); charts and maps wait in `harvest.pending_views` until the table is loaded here,
 * since they name its columns; other kinds (images, web pages, PDFs…) have no equivalent here
 * and are reported.
 */
export async function migrateViews(
  deps: {
    call: CkanCall;
    migrated: ReturnType<typeof createMigratedRepo>;
    views: ViewDeps;
    report: MigrationReport;
  },
  resourceId: string,
): Promise<void> {
  const { call, migrated, report } = deps;
  let views: Dict[];
  try {
    views = list(await call('resource_view_list', { id: resourceId }));
  } catch (error) {
    report.problems.push({ kind: 'view', id: resourceId, reason: describe(error) });
    return;
  }
  for (const view of views) {
    const type = text(view.view_type) ?? '';
    const id = text(view.id) ?? '';
    if (TABLE_VIEWS.has(type)) {
      report.views.tables++;
      continue;
    }
    if (!SAVED_VIEWS.has(type)) {
      report.problems.push({
        kind: 'view',
        id: `${resourceId}/${id}`,
        reason: `no equivalent here for a ${type} view (“${text(view.title) ?? ''}”)`,
      });
      continue;
    }
    const translated = (view.title_translated ?? {}) as Dict;
    try {
      const spec = typeof view.spec === 'string' ? JSON.parse(view.spec) : view.spec;
      await migrated.pendView(report.portal, {
        viewId: id,
        resourceId,
        title: { fr: text(translated.fr) ?? text(view.title) ?? '', en: text(translated.en) ?? '' },
        spec,
      });
      report.views.pending++;
    } catch (error) {
      report.problems.push({ kind: 'view', id: `${resourceId}/${id}`, reason: describe(error) });
    }
  }
  // The table may be here already (a second migration, a file unchanged).
  const saved = await savePendingViews({ migrated, views: deps.views }, resourceId);
  report.views.pending -= saved;
  report.views.saved += saved;
}

/**
 * Saves the charts and maps waiting for the resource's table once it is loaded (called after
 * each load, and by the migration): how many were saved. A view the table refuses (a column
 * gone) is dropped with a warning in the log.
 */
export async function savePendingViews(
  deps: {
    migrated: ReturnType<typeof createMigratedRepo>;
    views: ViewDeps;
    warn?: (message: string) => void;
  },
  resourceId: string,
  actor: Actor = SYSTEM,
): Promise<number> {
  const pending = await deps.migrated.pendingViews(resourceId);
  if (pending.length === 0) return 0;
  if (!(await deps.views.tables.activeResources([resourceId])).has(resourceId)) return 0;
  const existing = new Set((await deps.views.savedViews.list(actor, resourceId)).map((view) => view.id));
  let saved = 0;
  for (const view of pending) {
    try {
      if (!existing.has(view.viewId))
        await deps.views.savedViews.create(actor, resourceId, {
          id: view.viewId,
          title: view.title,
          spec: view.spec,
        });
      saved++;
    } catch (error) {
      deps.warn?.(`view ${view.viewId} of resource ${resourceId} not saved: ${describe(error)}`);
    }
    await deps.migrated.settleView(view.viewId);
  }
  return saved;
}
