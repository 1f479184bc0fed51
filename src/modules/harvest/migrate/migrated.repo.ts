import { type Queryable, queryOne } from '../../../platform/db/index.js';

export type MigratedKind = 'organization' | 'group' | 'dataset';

/** `harvest.migrated`: the version of each thing a migration brought, per portal. */
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
  };
}
