import type { Db } from '../../platform/db/index.js';
import { createProbeRepo } from './probe.repo.js';
import { createReferenceRepo } from './reference.repo.js';
import type { ReferenceService } from './reference.service.js';
import type { SetDefinition, Version } from './reference.types.js';

const DAY_MS = 86_400_000;
const WINDOW_MS = 30 * DAY_MS;
const TIMEOUT_MS = 10_000;

export interface SetStatus {
  set: string;
  freshness: {
    lastVersion: string | null;
    publishedAt: string | null;
    ageDays: number | null;
    maxAgeDays: number;
    fresh: boolean;
  };
  availability: {
    since: string | null;
    minutes: number;
    api: number | null;
    files: number | null;
    targets: { files: number; api: number };
    days: { day: string; api: number; files: number; samples: number }[];
  };
}

/** The UTC days from `since` to `end`, oldest first. */
function everyDay(since: Date | null, end: Date): string[] {
  if (!since) return [];
  const out: string[] = [];
  for (let day = Date.parse(since.toISOString().slice(0, 10)); day <= end.getTime(); day += DAY_MS)
    out.push(new Date(day).toISOString().slice(0, 10));
  return out;
}

const minuteOf = (time: number) => new Date(Math.floor(time / 60_000) * 60_000);
const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;

/**
 * The commitments, measured: a synthetic probe calls each set's lookup API and a bulk file over
 * HTTP, as a user would, and stores one sample per set and minute. Availability counts every
 * minute since monitoring began (at most 30 days): a minute with no sample — the portal was down
 * or the probe did not run — is a minute unavailable.
 */
export function createProbeService(deps: { db: Db; reference: ReferenceService; url: string }) {
  const repo = createProbeRepo(deps.db);
  const sets = createReferenceRepo(deps.db);
  // Sets recorded in `reference.sets` by this process (an external set has no version there).
  const recorded = new Set<string>();

  async function timed(url: string): Promise<{ ok: boolean; ms: number }> {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { 'user-agent': 'quai-reference-probe' },
      });
      await response.arrayBuffer();
      return { ok: response.status === 200, ms: Math.round(performance.now() - started) };
    } catch {
      return { ok: false, ms: Math.round(performance.now() - started) };
    }
  }

  return {
    /** Probes every set with a version once, for the minute `at` falls in. */
    async probe(at = Date.now()): Promise<void> {
      const minute = minuteOf(at);
      for (const { set, current } of await deps.reference.sets()) {
        if (!current) continue;
        const base = `${deps.url}/api/v1/reference/${set.id}`;
        const sample = (
          await deps.reference
            .list(set.id, { filters: {}, limit: 1, offset: 0, ...(set.external ? { q: 'a' } : {}) })
            .catch(() => null)
        )?.entities[0];
        const api = await timed(sample ? `${base}/${encodeURIComponent(sample.code)}` : `${base}?limit=1`);
        const files = set.external
          ? api
          : await timed(`${base}/versions/${encodeURIComponent(current.label)}/files/datapackage.json`);
        if (!recorded.has(set.id)) {
          await sets.putSet(set);
          recorded.add(set.id);
        }
        await repo.record({
          set: set.id,
          minute,
          apiOk: api.ok,
          filesOk: files.ok,
          apiMs: api.ms,
          filesMs: files.ms,
        });
      }
    },

    async status(set: SetDefinition, current: Version | null, now = Date.now()): Promise<SetStatus> {
      const end = minuteOf(now);
      const first = await repo.firstMinute(set.id);
      const since = first ? new Date(Math.max(first.getTime(), end.getTime() - WINDOW_MS)) : null;
      // Every whole minute since monitoring began, and the minute under way once it has its sample.
      const days = since ? await repo.days(set.id, since, new Date(end.getTime() + 60_000)) : [];
      const sampledNow = since ? await repo.sampled(set.id, end) : false;
      const minutes = since
        ? Math.max(0, Math.round((end.getTime() - since.getTime()) / 60_000)) + (sampledNow ? 1 : 0)
        : 0;
      const api = days.reduce((sum, day) => sum + day.api, 0);
      const files = days.reduce((sum, day) => sum + day.files, 0);
      const ageDays = current ? Math.floor((now - Date.parse(current.publishedAt)) / DAY_MS) : null;
      return {
        set: set.id,
        freshness: {
          lastVersion: current?.label ?? null,
          publishedAt: current?.publishedAt ?? null,
          ageDays,
          maxAgeDays: set.commitment.maxAgeDays,
          fresh: ageDays !== null && ageDays <= set.commitment.maxAgeDays,
        },
        availability: {
          since: since?.toISOString() ?? null,
          minutes,
          api: minutes > 0 ? percent(api, minutes) : null,
          files: minutes > 0 ? percent(files, minutes) : null,
          targets: set.commitment.availability,
          days: everyDay(since, end).map((day) => {
            const found = days.find((d) => d.day === day) ?? { day, samples: 0, api: 0, files: 0 };
            // The minutes of this day inside the window: whole days, but the first and the last.
            const start = Math.max(Date.parse(`${day}T00:00:00Z`), since?.getTime() ?? 0);
            const stop = Math.min(
              Date.parse(`${day}T00:00:00Z`) + DAY_MS,
              end.getTime() + (sampledNow ? 60_000 : 0),
            );
            const expected = Math.max(1, Math.round((stop - start) / 60_000));
            return {
              day,
              samples: found.samples,
              api: percent(found.api, expected),
              files: percent(found.files, expected),
            };
          }),
        },
      };
    },
  };
}

export type ProbeService = ReturnType<typeof createProbeService>;
