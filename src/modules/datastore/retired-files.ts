import { rm } from 'node:fs/promises';
import path from 'node:path';

/** How long a replaced table file stays readable: a page or a query that began with it ends first. */
export const RETIRE_MS = 60_000;

/**
 * Files a table no longer points to, removed after a grace period: a reader that looked the
 * table up just before the switch still finds its file. On close they are removed at once (no
 * reader is left); a process killed before that leaves them on disk, where they are harmless.
 */
export function createRetiredFiles(ms = RETIRE_MS) {
  const pending = new Map<string, NodeJS.Timeout>();
  const remove = (target: string, recursive: boolean) =>
    rm(target, { force: true, recursive }).catch(() => undefined);
  return {
    retire(target: string, options: { recursive?: boolean } = {}): void {
      clearTimeout(pending.get(target));
      const timer = setTimeout(() => {
        pending.delete(target);
        void remove(target, options.recursive ?? false);
      }, ms);
      timer.unref();
      pending.set(target, timer);
    },
    /**
     * The file a loaded table replaced; a table written through the API (its segments and write
     * master, `api/<resource id>/`) gives way whole.
     */
    retireTable(root: string, resourceId: string, replaced: string): void {
      if (replaced.includes('*')) this.retire(path.join(root, 'api', resourceId), { recursive: true });
      else this.retire(path.join(root, replaced));
    },
    async close(): Promise<void> {
      const targets = [...pending.keys()];
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.all(targets.map((target) => remove(target, true)));
    },
  };
}
