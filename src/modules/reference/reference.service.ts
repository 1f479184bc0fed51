import type { Db } from '../../platform/db/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type { ExternalSet } from './enterprises-set.js';
import { buildSetIndex, type SetIndex } from './lookup-index.js';
import { createReferenceRepo } from './reference.repo.js';
import type { AttributeValue, EntityView, SetDefinition, Version } from './reference.types.js';
import { findSet, SETS } from './sets.js';

/** How long a process trusts its idea of each set's current version (another process may publish). */
const CURRENT_TTL_MS = 2_000;

export interface ListRequest {
  q?: string;
  asOf?: string;
  version?: string;
  status?: 'current' | 'all';
  filters: Record<string, string>;
  limit: number;
  offset: number;
}

const bad = (path: string, fr: string, en: string) =>
  new ValidationError([{ path, code: 'invalid', message: localized(fr, en) }]);

/**
 * Reading the reference sets: each set's whole history held in memory and rebuilt when a version
 * is published (checked every two seconds across processes); lookups by code, date, version,
 * name and attribute answer without the database.
 */
export function createReferenceService(deps: { db: Db; external: Record<string, ExternalSet> }) {
  const repo = createReferenceRepo(deps.db);
  const indexes = new Map<string, { version: string | null; index: Promise<SetIndex> }>();
  let current: { at: number; versions: Promise<Map<string, string>> } | null = null;

  const currentVersions = () => {
    if (!current || Date.now() - current.at > CURRENT_TTL_MS) {
      const versions = repo.currentVersions();
      current = { at: Date.now(), versions };
      versions.catch(() => {
        current = null;
      });
    }
    return current.versions;
  };

  async function build(set: string): Promise<SetIndex> {
    const [versions, periods, lineage, snapshots] = await Promise.all([
      repo.versions(set),
      repo.periods(set),
      repo.lineage(set),
      repo.snapshots(set),
    ]);
    return buildSetIndex(set, versions, periods, lineage, snapshots);
  }

  async function index(set: string): Promise<SetIndex | null> {
    const latest = (await currentVersions()).get(set) ?? null;
    let kept = indexes.get(set);
    if (!kept || kept.version !== latest) {
      kept = { version: latest, index: build(set) };
      indexes.set(set, kept);
      kept.index.catch(() => indexes.delete(set));
    }
    return latest ? kept.index : null;
  }

  function definition(set: string): SetDefinition {
    const found = findSet(set);
    if (!found)
      throw new NotFoundError(
        'reference set',
        set,
        localized(`Aucun jeu de référence « ${set} »`, `No reference set "${set}"`),
      );
    return found;
  }

  async function pick(
    set: string,
    label: string | undefined,
  ): Promise<{ index: SetIndex | null; version: Version | null }> {
    const found = await index(set);
    if (!label) return { index: found, version: found?.current ?? null };
    const version = found?.versions.find((v) => v.label === label) ?? null;
    if (!version)
      throw new NotFoundError(
        'reference version',
        `${set}@${label}`,
        localized(`Aucune version « ${label} » de « ${set} »`, `No version "${label}" of "${set}"`),
      );
    return { index: found, version };
  }

  return {
    index,
    /** Forgets a set's index (after a publication in this process). */
    invalidate(set: string) {
      indexes.delete(set);
      current = null;
    },
    definition,

    /** Every set with its current version (external sets ask their module). */
    async sets(): Promise<{ set: SetDefinition; current: Version | null }[]> {
      return Promise.all(
        SETS.map(async (set) => {
          const external = deps.external[set.id];
          const versions = external ? await external.versions() : ((await index(set.id))?.versions ?? []);
          return { set, current: versions[0] ?? null };
        }),
      );
    },

    async versions(set: string): Promise<Version[]> {
      definition(set);
      const external = deps.external[set];
      if (external) return external.versions();
      return (await index(set))?.versions ?? [];
    },

    async version(set: string, label: string): Promise<Version> {
      definition(set);
      const external = deps.external[set];
      const versions = external ? await external.versions() : ((await index(set))?.versions ?? []);
      const version = versions.find((v) => v.label === label);
      if (!version)
        throw new NotFoundError(
          'reference version',
          `${set}@${label}`,
          localized(`Aucune version « ${label} » de « ${set} »`, `No version "${label}" of "${set}"`),
        );
      return version;
    },

    changes: (version: Version) => repo.changes(version.id),

    /** One code: the period valid at `asOf` (or in a version), a retired code with its successors. */
    async entity(set: string, code: string, options: { asOf?: string; version?: string } = {}) {
      const def = definition(set);
      const external = deps.external[set];
      if (external) {
        if (options.asOf || options.version)
          throw bad('asOf', `« ${set} » n’a que l’édition courante`, `"${set}" only has the current edition`);
        const entity = await external.find(code);
        const versions = await external.versions();
        if (!entity) throw notFound(def, code);
        return { entity, version: versions[0] ?? null };
      }
      const { index: found, version } = await pick(set, options.version);
      const entity = found && version ? found.find(code, { asOf: options.asOf, version }) : null;
      if (!entity) throw notFound(def, code);
      return { entity, version };
    },

    /** Entities by name (accents, case and typos ignored), by attribute, at a date or in a version. */
    async list(
      set: string,
      request: ListRequest,
    ): Promise<{ entities: EntityView[]; total: number; version: Version | null }> {
      const def = definition(set);
      for (const name of Object.keys(request.filters)) {
        const attribute = def.attributes.find((a) => a.name === name);
        if (!attribute?.filterable)
          throw bad(
            name,
            `filtre inconnu : ${
              def.attributes
                .filter((a) => a.filterable)
                .map((a) => a.name)
                .join(', ') || 'aucun'
            }`,
            `unknown filter: ${
              def.attributes
                .filter((a) => a.filterable)
                .map((a) => a.name)
                .join(', ') || 'none'
            }`,
          );
      }
      const external = deps.external[set];
      if (external) {
        if (!request.q) throw bad('q', 'indiquez un nom ou un NEQ', 'give a name or a NEQ');
        const entities = await external.search(request.q, Math.min(request.limit, 100));
        return { entities, total: entities.length, version: (await external.versions())[0] ?? null };
      }
      const { index: found, version } = await pick(set, request.version);
      if (!found || !version) return { entities: [], total: 0, version: null };
      let entities = found.list({ asOf: request.asOf, version, status: request.status });
      const filters = Object.entries(request.filters);
      if (filters.length > 0)
        entities = entities.filter((entity) =>
          filters.every(([name, value]) => String(entity.attributes[name] ?? '') === value),
        );
      if (request.q) entities = found.search(request.q, entities);
      return {
        entities: entities.slice(request.offset, request.offset + request.limit),
        total: entities.length,
        version,
      };
    },
  };
}

function notFound(set: SetDefinition, code: string) {
  return new NotFoundError(
    set.entityType.en.toLowerCase(),
    code,
    localized(
      `Aucun code « ${code} » dans « ${set.id} » (${set.scheme.name.fr})`,
      `No code "${code}" in "${set.id}" (${set.scheme.name.en})`,
    ),
  );
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
export type { AttributeValue };
