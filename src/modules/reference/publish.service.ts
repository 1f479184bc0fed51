import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { createKeyedQueue } from '../../platform/keyed-queue.js';
import { writeBulkFiles } from './bulk-files.js';
import { planVersion } from './diff.js';
import type { SetIndex } from './lookup-index.js';
import { createReferenceRepo } from './reference.repo.js';
import type { BulkFileRef, Notice, Period, SetDefinition, Snapshot, Version } from './reference.types.js';
import { findSet } from './sets.js';

/** Announced to every module when a version is published (the datastore re-checks the columns bound to the set). */
export const REFERENCE_VERSION_PUBLISHED = 'reference.version-published';

export interface PublishOptions {
  /** Who publishes (recorded with an override). */
  by: string;
  /** Publish a structure change inside the notice period: an administrator's decision, recorded. */
  override?: { reason: string };
  /** Today, for the notice period (tests). */
  today?: string;
}

const structureOf = (attributes: SetDefinition['attributes']) =>
  JSON.stringify(attributes.map((a) => [a.name, a.type, a.link ?? null]));

/**
 * Publishing versions of a set: the snapshot compared with the previous version (`planVersion`),
 * the structure-change rule (notice period or a recorded override), links checked against the
 * linked sets, one transaction, then the bulk files and the announcement.
 */
export function createPublishService(deps: {
  db: Db;
  blobs: BlobStore;
  duck: Duck;
  jobs: Jobs;
  baseUrl: string;
  index: (set: string) => Promise<SetIndex | null>;
  invalidate: (set: string) => void;
}) {
  const repo = createReferenceRepo(deps.db);
  const writing = createKeyedQueue();

  async function checkStructure(
    set: SetDefinition,
    previous: Version | undefined,
    options: PublishOptions,
  ): Promise<Version['structureOverride']> {
    if (!previous || structureOf(previous.attributes) === structureOf(set.attributes)) return null;
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const notices = await repo.notices(set.id);
    const announcedBy = new Date(Date.parse(today) - set.commitment.noticeDays * 86_400_000).toISOString();
    const given = notices.some((notice) => notice.announcedAt <= announcedBy && notice.effectiveOn <= today);
    if (given) return null;
    if (options.override?.reason.trim()) return { by: options.by, reason: options.override.reason.trim() };
    throw new ConflictError(
      localized(
        `Changement de structure de « ${set.id} » sans préavis de ${set.commitment.noticeDays} jours : annoncez-le (avis) ou qu’un administrateur passe outre en donnant un motif.`,
        `Structure change of "${set.id}" without ${set.commitment.noticeDays} days' notice: announce it (a notice) or have an administrator override it with a reason.`,
      ),
    );
  }

  async function checkLinks(set: SetDefinition, snapshot: Snapshot): Promise<void> {
    const issues = [];
    for (const attribute of set.attributes.filter((a) => a.link)) {
      const linked = await deps.index(attribute.link as string);
      if (!linked?.current) continue;
      const known = new Set(linked.list().map((entity) => entity.code));
      for (const [index, entity] of snapshot.entities.entries()) {
        const value = entity.attributes[attribute.name];
        if (value !== null && value !== undefined && !known.has(String(value)))
          issues.push({
            path: `entities.${index}.attributes.${attribute.name}`,
            code: 'reference',
            message: localized(
              `code inconnu dans « ${attribute.link} » : ${value}`,
              `unknown code in "${attribute.link}": ${value}`,
            ),
          });
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);
  }

  /** Writes the bulk files of a version if it has none yet (after a crash, they are written again). */
  async function ensureFiles(set: SetDefinition, version: Version): Promise<Record<string, BulkFileRef>> {
    if (Object.keys(version.files).length > 0) return version.files;
    return writing.run(version.id, async () => {
      const again = (await repo.versions(set.id)).find((v) => v.id === version.id);
      if (again && Object.keys(again.files).length > 0) return again.files;
      const index = await deps.index(set.id);
      if (!index) return {};
      const files = await writeBulkFiles({
        blobs: deps.blobs,
        duck: deps.duck,
        set,
        version,
        entities: index.history(version),
        baseUrl: deps.baseUrl,
      });
      await repo.addFiles(version.id, files);
      deps.invalidate(set.id);
      return files;
    });
  }

  return {
    ensureFiles,

    /** Publishes a snapshot as the set's next version; `false` when that label is already published. */
    async publish(
      snapshot: Snapshot,
      options: PublishOptions,
    ): Promise<{ published: boolean; version: string }> {
      const set = findSet(snapshot.set);
      if (!set || set.external)
        throw new ValidationError([
          {
            path: 'set',
            code: 'reference',
            message: localized(`jeu inconnu : ${snapshot.set}`, `unknown set: ${snapshot.set}`),
          },
        ]);
      return writing.run(`publish:${set.id}`, async () => {
        await repo.putSet(set);
        const versions = await repo.versions(set.id);
        const id = `${set.id}@${snapshot.label}`;
        if (versions.some((v) => v.id === id)) return { published: false, version: id };
        const previous = versions[0];
        const structureOverride = await checkStructure(set, previous, options);
        await checkLinks(set, snapshot);
        const periods = await repo.periods(set.id);
        const current = new Map<string, Period>();
        const retired = new Set<string>();
        for (const period of periods) if (period.validTo === null) current.set(period.code, period);
        for (const period of periods) if (!current.has(period.code)) retired.add(period.code);
        const plan = planVersion(set, snapshot, current, retired);
        await repo.publish({
          version: {
            id,
            set: set.id,
            label: snapshot.label,
            referenceDate: snapshot.referenceDate,
            previous: previous?.id ?? null,
            fictitious: snapshot.fictitious,
            attributes: set.attributes,
            sources: snapshot.sources,
            rowCount: snapshot.entities.length,
            structureOverride,
          },
          plan,
        });
        deps.invalidate(set.id);
        const published = (await repo.versions(set.id)).find((v) => v.id === id) as Version;
        await ensureFiles(set, published);
        await deps.jobs.publish(REFERENCE_VERSION_PUBLISHED, { set: set.id, version: id });
        return { published: true, version: id };
      });
    },

    /** Announces a structure change: it may be published once the notice period has run. */
    async announce(notice: Omit<Notice, 'id' | 'announcedAt'> & { announcedAt?: string }): Promise<void> {
      const set = findSet(notice.set);
      if (!set || set.external)
        throw new ValidationError([
          {
            path: 'set',
            code: 'reference',
            message: localized(`jeu inconnu : ${notice.set}`, `unknown set: ${notice.set}`),
          },
        ]);
      await repo.putSet(set);
      await repo.addNotice(notice);
    },

    notices: (set: string) => repo.notices(set),
  };
}

export type PublishService = ReturnType<typeof createPublishService>;
