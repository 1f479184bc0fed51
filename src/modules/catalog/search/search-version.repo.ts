import type { Queryable } from '../../../platform/db/index.js';

/** The catalogue's version: a sequence every process reads, bumped after each committed change. */
export function createSearchVersionRepo(db: Queryable) {
  return {
    async current(): Promise<string> {
      const [row] = await db.query<{ last_value: string | number; is_called: boolean }>(
        'SELECT last_value, is_called FROM catalog.search_version',
      );
      return row ? `${row.last_value}:${row.is_called}` : '0';
    },

    async bump(): Promise<void> {
      await db.query("SELECT nextval('catalog.search_version')");
    },
  };
}

export type SearchVersionRepo = ReturnType<typeof createSearchVersionRepo>;
