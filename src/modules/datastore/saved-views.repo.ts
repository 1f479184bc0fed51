import type { Queryable } from '../../platform/db/index.js';
import type { Localized } from '../../platform/i18n/index.js';
import type { SavedView, ViewSpec } from './views.js';

const VIEW_COLUMNS = `id, resource_id AS "resourceId", title, spec, created_at AS "createdAt"`;

/** The charts and maps saved on resources. */
export function createSavedViewsRepo(db: Queryable) {
  return {
    async list(resourceId: string): Promise<SavedView[]> {
      return db.query<SavedView>(
        `SELECT ${VIEW_COLUMNS} FROM datastore.views WHERE resource_id = $1 ORDER BY created_at, id`,
        [resourceId],
      );
    },

    async byId(id: string): Promise<SavedView | null> {
      const rows = await db.query<SavedView>(`SELECT ${VIEW_COLUMNS} FROM datastore.views WHERE id = $1`, [
        id,
      ]);
      return rows[0] ?? null;
    },

    async update(id: string, view: { title: Localized; spec: ViewSpec }): Promise<void> {
      await db.query('UPDATE datastore.views SET title = $2, spec = $3 WHERE id = $1', [
        id,
        JSON.stringify(view.title),
        JSON.stringify(view.spec),
      ]);
    },

    async insert(view: {
      id: string;
      resourceId: string;
      title: Localized;
      spec: ViewSpec;
      createdBy: string | null;
    }): Promise<void> {
      await db.query(
        'INSERT INTO datastore.views (id, resource_id, title, spec, created_by) VALUES ($1, $2, $3, $4, $5)',
        [view.id, view.resourceId, JSON.stringify(view.title), JSON.stringify(view.spec), view.createdBy],
      );
    },

    async remove(resourceId: string, id: string): Promise<boolean> {
      const rows = await db.query<{ id: string }>(
        'DELETE FROM datastore.views WHERE resource_id = $1 AND id = $2 RETURNING id',
        [resourceId, id],
      );
      return rows.length > 0;
    },
  };
}
