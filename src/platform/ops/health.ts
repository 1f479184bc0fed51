import type { BlobStore } from '../blobs/blob-store.js';
import { type Db, listMigrationFiles, type MigrationSource } from '../db/index.js';
import { appliedMigrations, ping, queueDepth } from './ops.sql.js';

export interface Check {
  ok: boolean;
  /** What was found, or what to fix. */
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<'database' | 'migrations' | 'blobs' | 'jobs', Check>;
}

/** A check that cannot hang the probe: it fails after `ms`. */
async function bounded(ms: number, work: () => Promise<string>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
    return { ok: true, detail };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Migration files this process knows that the database has not applied. */
export async function pendingMigrations(db: Db, sources: readonly MigrationSource[]): Promise<string[]> {
  const applied = await appliedMigrations(db);
  const pending: string[] = [];
  for (const source of sources)
    for (const file of await listMigrationFiles(source.directory))
      if (!applied.has(`${source.module}/${file}`)) pending.push(`${source.module}/${file}`);
  return pending;
}

/**
 * Whether this process can serve: the database answers, every migration it knows is applied
 * (a process newer than the schema must not take traffic), the blob store answers and the job
 * queue is reachable. Each check is bounded (a load balancer's probe must not hang).
 */
export async function readiness(deps: {
  db: Db;
  blobs: BlobStore;
  migrations: readonly MigrationSource[];
  timeoutMs?: number;
}): Promise<Readiness> {
  const ms = deps.timeoutMs ?? 2000;
  const [database, migrations, blobs, jobs] = await Promise.all([
    bounded(ms, async () => {
      await ping(deps.db);
      return deps.db.engine;
    }),
    bounded(ms, async () => {
      const pending = await pendingMigrations(deps.db, deps.migrations);
      if (pending.length > 0) throw new Error(`not applied: ${pending.slice(0, 5).join(', ')}`);
      return 'applied';
    }),
    bounded(ms, async () => {
      await deps.blobs.size('0'.repeat(64));
      return 'reachable';
    }),
    bounded(ms, async () => {
      const depth = await queueDepth(deps.db);
      return `${depth.reduce((sum, row) => sum + row.n, 0)} waiting or running`;
    }),
  ]);
  const checks = { database, migrations, blobs, jobs };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}
