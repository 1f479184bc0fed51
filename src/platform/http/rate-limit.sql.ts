import type { Queryable } from '../db/index.js';

/**
 * Counts one action in a key's window and returns the count after it; a window already past
 * its limit is not counted further (the count stays at limit + 1: refused, not inflated).
 */
export async function countInWindow(
  db: Queryable,
  name: string,
  key: string,
  windowStart: Date,
  limit: number,
): Promise<number> {
  const rows = await db.query<{ count: number }>(
    `INSERT INTO quai_rate_windows (name, key, window_start, count) VALUES ($1, $2, $3, 1)
     ON CONFLICT (name, key, window_start) DO UPDATE
       SET count = least(quai_rate_windows.count + 1, $4::int + 1)
     RETURNING count`,
    [name, key, windowStart, limit],
  );
  return rows[0]?.count ?? 1;
}

/** Removes a limiter's windows that ended before `before`. */
export async function forgetOldWindows(db: Queryable, name: string, before: Date): Promise<void> {
  await db.query('DELETE FROM quai_rate_windows WHERE name = $1 AND window_start < $2', [name, before]);
}
