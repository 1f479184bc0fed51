/**
 * Failed password attempts per login name: after `maxFailures` within `windowMs`, further attempts
 * are refused until the oldest failure leaves the window. Slows down guessing (scrypt already costs
 * tens of milliseconds per attempt). Kept in memory: per process, and reset by a restart.
 */
export function createLoginThrottle(options: { maxFailures: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const recent = (login: string) => (failures.get(login) ?? []).filter((at) => now() - at < options.windowMs);

  return {
    /** Seconds to wait before trying again, or 0 when an attempt is allowed. */
    waitSeconds(login: string): number {
      const times = recent(login.toLowerCase());
      if (times.length < options.maxFailures) return 0;
      return Math.ceil(((times[0] as number) + options.windowMs - now()) / 1000);
    },

    failed(login: string): void {
      const key = login.toLowerCase();
      failures.set(key, [...recent(key), now()]);
    },

    succeeded(login: string): void {
      failures.delete(login.toLowerCase());
    },
  };
}
