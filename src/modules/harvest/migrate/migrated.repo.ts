import { type Queryable, queryOne } from '../../../platform/db/index.js';

export type MigratedKind = 'organization' | 'group' | 'dataset' | 'user' | 'membership';

export interface PendingView {
  viewId: string;
  resourceId: string;
  title: { fr: string; en: string };
  spec: unknown;
}

/**
 * `harvest.migrated`: the version of each thing a migration brought, per portal; and
 * `harvest.pending_views`: charts and maps waiting for their table.
 */
export function createMigratedRepo(db: Queryable) {
  return {
    async version(portal: string, kind: MigratedKind, upstreamId: string): Promise<string | null> {
      const row = await queryOne<{ version: string }>(
        db,
        'SELECT version FROM harvest.migrated WHERE portal = $1 AND kind = $2 AND upstream_id = $3',
        [portal, kind, upstreamId],
      );
      return row?.version ?? null;
    },
    async put(portal: string, kind: MigratedKind, upstreamId: string, version: string): Promise<void> {
      await db.query(
        `INSERT INTO harvest.migrated (portal, kind, upstream_id, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (portal, kind, upstream_id) DO UPDATE SET version = excluded.version, migrated_at = now()`,
        [portal, kind, upstreamId, version],
      );
    },
    /** The ids of a kind this portal's migrations brought (and have not removed since). */
    async ids(portal: string, kind: MigratedKind): Promise<string[]> {
      const rows = await db.query<{ upstream_id: string }>(
        'SELECT upstream_id FROM harvest.migrated WHERE portal = $1 AND kind = $2',
        [portal, kind],
      );
      return rows.map((row) => row.upstream_id);
    },
    async remove(portal: string, kind: MigratedKind, upstreamId: string): Promise<void> {
      await db.query('DELETE FROM harvest.migrated WHERE portal = $1 AND kind = $2 AND upstream_id = $3', [
        portal,
        kind,
        upstreamId,
      ]);
    },

    async pendView(portal: string, view: PendingView): Promise<void> {
      await db.query(
        `INSERT INTO harvest.pending_views (view_id, resource_id, portal, title, spec) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (view_id) DO UPDATE SET title = excluded.title, spec = excluded.spec`,
        [view.viewId, view.resourceId, portal, JSON.stringify(view.title), JSON.stringify(view.spec)],
      );
    },
    pendingViews(resourceId: string): Promise<PendingView[]> {
      return db.query<PendingView>(
        `SELECT view_id AS "viewId", resource_id AS "resourceId", title, spec
         FROM harvest.pending_views WHERE resource_id = $1 ORDER BY created, view_id`,
        [resourceId],
      );
    },
    async settleView(viewId: string): Promise<void> {
      await db.query('DELETE FROM harvest.pending_views WHERE view_id = $1', [viewId]);
    },
  };
}
