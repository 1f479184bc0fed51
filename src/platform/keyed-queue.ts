/**
 * Work queued by key: what is queued under one key runs one at a time, in order (a failure does
 * not stop what follows); different keys run side by side.
 */
export function createKeyedQueue() {
  const queues = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = queues.get(key) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(work);
      queues.set(key, next);
      next
        .finally(() => {
          if (queues.get(key) === next) queues.delete(key);
        })
        .catch(() => undefined);
      return next;
    },

    /** Waits for everything queued so far to be done. */
    async drain(): Promise<void> {
      await Promise.all([...queues.values()].map((queued) => queued.catch(() => undefined)));
    },
  };
}
