import { editDistance, foldName } from './fold.js';
import type { LineageRow } from './reference.repo.js';
import type { EntityView, LinkedCode, Period, Version } from './reference.types.js';

/** One set's whole history in memory (a few thousand periods): lookups answer without the database. */
export interface SetIndex {
  set: string;
  versions: Version[];
  current: Version | null;
  /** The period of `code` valid at `asOf` (default: today's state), or its last known one. */
  find(code: string, options?: { asOf?: string; version?: Version }): EntityView | null;
  /** The periods valid in a version (default: the current one), or at a date. */
  list(options?: { asOf?: string; version?: Version; status?: 'current' | 'all' }): EntityView[];
  /** Every period known in a version, current and ended, by code then date. */
  history(version: Version): EntityView[];
  /** Name search: exact, then start of name, then words, then close spellings; best first. */
  search(query: string, entities: EntityView[]): EntityView[];
}

const within = (period: Period, day: string) =>
  (period.validFrom === null || period.validFrom <= day) && (period.validTo === null || day < period.validTo);

export function buildSetIndex(
  set: string,
  versions: Version[],
  periods: Period[],
  lineage: LineageRow[],
  snapshots: { version: string; ids: number[] }[],
): SetIndex {
  const byId = new Map(periods.map((period) => [period.id, period]));
  const byCode = new Map<string, Period[]>();
  for (const period of periods) byCode.set(period.code, [...(byCode.get(period.code) ?? []), period]);
  const successors = new Map<number, LineageRow[]>();
  const predecessors = new Map<number, LineageRow[]>();
  for (const row of lineage) {
    successors.set(row.predecessor, [...(successors.get(row.predecessor) ?? []), row]);
    predecessors.set(row.successor, [...(predecessors.get(row.successor) ?? []), row]);
  }
  const members = new Map(snapshots.map((snapshot) => [snapshot.version, new Set(snapshot.ids)]));
  const current = versions[0] ?? null;
  const publishedOrder = new Map([...versions].reverse().map((v, index) => [v.id, index]));
  const views = new Map<string, EntityView>();
  // Every word of every name the set ever had: what a typed word may stand for.
  let vocabulary: Set<string> | undefined;
  // What a typed word stands for in that vocabulary (words repeat across queries: « saint »…).
  const meaningsOf = new Map<string, { exact: Set<string>; close: Set<string> }>();
  const foldedNames = new WeakMap<EntityView, { name: string; en: string; words: string[] }>();
  const foldedOf = (entity: EntityView) => {
    let kept = foldedNames.get(entity);
    if (!kept) {
      const name = foldName(entity.name);
      const en = entity.nameEn ? foldName(entity.nameEn) : '';
      kept = { name, en, words: `${name} ${en}`.trim().split(' ') };
      foldedNames.set(entity, kept);
    }
    return kept;
  };

  const linked = (row: LineageRow, other: number): LinkedCode => {
    const period = byId.get(other) as Period;
    return {
      code: period.code,
      name: period.name,
      validFrom: period.validFrom,
      validTo: period.validTo,
      event: row.event,
      effective: row.effective,
    };
  };

  /** The codes current now that a period's code leads to, following successors to the end. */
  const currentOf = (period: Period, seen = new Set<number>()): string[] => {
    if (period.validTo === null) return [period.code];
    if (seen.has(period.id)) return [];
    seen.add(period.id);
    const next = (successors.get(period.id) ?? []).map((row) => byId.get(row.successor) as Period);
    return [...new Set(next.flatMap((p) => currentOf(p, seen)))].sort();
  };

  /** A period as known in a version: a period that ended after that version is open in it. */
  const view = (period: Period, version: Version | null): EntityView => {
    const key = `${period.id} ${version?.id ?? ''}`;
    const kept = views.get(key);
    if (kept) return kept;
    const known = (versionId: string | null) =>
      versionId !== null &&
      (!version || (publishedOrder.get(versionId) ?? 0) <= (publishedOrder.get(version.id) ?? 0));
    const ended = period.validTo !== null && known(period.endedIn);
    const entity: EntityView = {
      set,
      code: period.code,
      name: period.name,
      nameEn: period.nameEn,
      status: ended ? 'retired' : 'current',
      validFrom: period.validFrom,
      validTo: ended ? period.validTo : null,
      startReason: period.startReason,
      endReason: ended ? period.endReason : null,
      attributes: period.attributes,
      predecessors: (predecessors.get(period.id) ?? []).map((row) => linked(row, row.predecessor)),
      successors: ended
        ? (successors.get(period.id) ?? [])
            .filter((row) => known(byId.get(row.successor)?.createdIn ?? null))
            .map((row) => linked(row, row.successor))
        : [],
      current: ended ? currentOf(period) : [period.code],
    };
    views.set(key, entity);
    return entity;
  };

  const inVersion = (version: Version) => members.get(version.id) ?? new Set<number>();

  return {
    set,
    versions,
    current,
    find(code, options = {}) {
      const candidates = byCode.get(code);
      if (!candidates) return null;
      const version = options.version ?? current;
      const knownIn = version
        ? candidates.filter(
            (p) => (publishedOrder.get(p.createdIn) ?? 0) <= (publishedOrder.get(version.id) ?? 0),
          )
        : candidates;
      if (knownIn.length === 0) return null;
      if (options.asOf) {
        const asOf = options.asOf;
        const match = knownIn.find((p) => within({ ...p, validTo: view(p, version).validTo }, asOf));
        // Before its first known period, or after its end: the nearest period says what it was.
        return view(match ?? (knownIn[0] as Period), version);
      }
      const snapshot = version ? inVersion(version) : new Set<number>();
      const live = knownIn.find((p) => snapshot.has(p.id));
      return view(live ?? (knownIn[knownIn.length - 1] as Period), version);
    },
    list(options = {}) {
      const version = options.version ?? current;
      if (!version) return [];
      if (options.asOf) {
        const asOf = options.asOf;
        const out: EntityView[] = [];
        for (const list of byCode.values()) {
          const match = list.find(
            (p) =>
              (publishedOrder.get(p.createdIn) ?? 0) <= (publishedOrder.get(version.id) ?? 0) &&
              within({ ...p, validTo: view(p, version).validTo }, asOf),
          );
          if (match) out.push(view(match, version));
        }
        return out;
      }
      const snapshot = inVersion(version);
      if (options.status === 'all') {
        return [...byCode.values()].flatMap((list) => {
          const known = list.filter(
            (p) => (publishedOrder.get(p.createdIn) ?? 0) <= (publishedOrder.get(version.id) ?? 0),
          );
          const last = known.find((p) => snapshot.has(p.id)) ?? known[known.length - 1];
          return last ? [view(last, version)] : [];
        });
      }
      return [...snapshot]
        .map((id) => view(byId.get(id) as Period, version))
        .sort((a, b) => a.code.localeCompare(b.code));
    },
    history(version) {
      const order = publishedOrder.get(version.id) ?? 0;
      return periods
        .filter((p) => (publishedOrder.get(p.createdIn) ?? 0) <= order)
        .map((p) => view(p, version));
    },
    search(query, entities) {
      const wanted = foldName(query);
      if (!wanted) return entities;
      const words = wanted.split(' ');
      // Each word typed, once: the names' words it stands for (itself, or one or two edits away,
      // and for the last word typed, the words it starts or nearly starts).
      vocabulary ??= new Set(
        periods.flatMap((period) => foldName(`${period.name} ${period.nameEn ?? ''}`).split(' ')),
      );
      const known = vocabulary;
      const meanings = words.map((word, index) => {
        const last = index === words.length - 1;
        const key = `${last ? '>' : '='}${word}`;
        const kept = meaningsOf.get(key);
        if (kept) return kept;
        const exact = new Set<string>();
        const close = new Set<string>();
        const allowed = word.length >= 7 ? 2 : 1;
        for (const candidate of known) {
          if (candidate === word || (last && candidate.startsWith(word))) exact.add(candidate);
          else if (
            word.length >= 4 &&
            Math.abs(candidate.length - word.length) <= allowed &&
            editDistance(candidate, word, allowed) <= allowed
          )
            close.add(candidate);
          else if (
            last &&
            word.length >= 4 &&
            candidate.length > word.length &&
            editDistance(candidate.slice(0, word.length), word, 1) <= 1
          )
            close.add(candidate);
        }
        if (meaningsOf.size >= 5_000) meaningsOf.clear();
        meaningsOf.set(key, { exact, close });
        return { exact, close };
      });
      const scored: { entity: EntityView; score: number }[] = [];
      for (const entity of entities) {
        const { name, en, words: nameWords } = foldedOf(entity);
        let score = 0;
        if (name === wanted || en === wanted) score = 100;
        else if (name.startsWith(wanted) || en.startsWith(wanted))
          score = 80 - Math.min(20, name.length - wanted.length) / 2;
        else {
          let typos = 0;
          const all = meanings.every(({ exact, close }) => {
            if (nameWords.some((w) => exact.has(w))) return true;
            if (nameWords.some((w) => close.has(w))) return ++typos > 0;
            return false;
          });
          if (all) score = 60 - typos * 10 - Math.min(20, nameWords.length);
        }
        if (score > 0) scored.push({ entity, score });
      }
      return scored
        .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name, 'fr'))
        .map((s) => s.entity);
    },
  };
}
