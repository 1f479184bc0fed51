import { WriteMaster } from './api-table.duckdb.js';

/**
 * Write masters kept open between the calls of a pipeline (opening one costs more than a batch of
 * rows); one unused for a while is closed. The caller runs every use in the table's queue, and
 * `later` puts the idle close in that queue too.
 */
export function createOpenMasters(options: {
  file: (resourceId: string) => string;
  later: (resourceId: string, work: () => Promise<void>) => void;
  idleMs?: number;
}) {
  const masters = new Map<string, { master: WriteMaster; timer?: NodeJS.Timeout }>();
  const idleMs = options.idleMs ?? 20_000;

  function close(resourceId: string, which?: WriteMaster): void {
    const entry = masters.get(resourceId);
    if (!entry || (which && entry.master !== which)) return;
    clearTimeout(entry.timer);
    masters.delete(resourceId);
    entry.master.close();
  }

  return {
    close,

    async use<T>(resourceId: string, work: (master: WriteMaster) => Promise<T>): Promise<T> {
      let entry = masters.get(resourceId);
      if (!entry) {
        entry = { master: await WriteMaster.open(options.file(resourceId)) };
        masters.set(resourceId, entry);
      }
      clearTimeout(entry.timer);
      try {
        return await work(entry.master);
      } finally {
        const current = entry;
        current.timer = setTimeout(() => {
          options.later(resourceId, async () => close(resourceId, current.master));
        }, idleMs);
        current.timer.unref();
      }
    },

    closeAll(): void {
      for (const resourceId of [...masters.keys()]) close(resourceId);
    },
  };
}
