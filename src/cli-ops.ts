import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { MIGRATIONS } from './context.js';
import { openLocalBlobStore } from './platform/blobs/local-blob-store.js';
import { migrateBlobs } from './platform/blobs/migrate-blobs.js';
import { openS3BlobStore } from './platform/blobs/s3-blob-store.js';
import { type Db, openDatabase } from './platform/db/index.js';
import { openDuck } from './platform/duckdb/index.js';
import { restoreBackup, writeBackup } from './platform/ops/backup.js';
import { pendingMigrations } from './platform/ops/health.js';
import { duckAnswers } from './platform/ops/ops.duckdb.js';
import { queueDepth, serverFacts } from './platform/ops/ops.sql.js';

type Status = 'ok' | 'warn' | 'fail';
export interface Finding {
  check: string;
  status: Status;
  /** What was found, and what to do when it is not right. */
  detail: string;
}

const GIB = 1024 ** 3;
/** PostgreSQL's oldest version the portal is tested on. */
const MIN_POSTGRES = 14;

/** Runs `work`, failing after `ms` (a database that never answers must not hang the doctor). */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `quai doctor`: checks the configuration, the database (reachable, version, extensions,
 * migrations), the blob store (writable), the disk, the job queue and DuckDB, and says what to
 * fix. Changes nothing (it does not migrate). Exit code 1 when a check fails.
 */
export async function doctor(config: Config): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (check: string, status: Status, detail: string) => findings.push({ check, status, detail });

  // Configuration.
  const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(config.baseUrl);
  if (config.baseUrl.startsWith('https://') || local) add('BASE_URL', 'ok', config.baseUrl);
  else add('BASE_URL', 'warn', `${config.baseUrl}: serve the public over https (set BASE_URL=https://…)`);
  add(
    'SMTP_URL',
    config.mail.smtpUrl ? 'ok' : 'warn',
    config.mail.smtpUrl
      ? 'messages are sent'
      : 'not set: messages stay in the outbox (GET /api/v1/mail/outbox); set SMTP_URL to send them',
  );
  add(
    'METRICS_TOKEN',
    config.metricsToken ? 'ok' : 'warn',
    config.metricsToken
      ? '/metrics answers with the token'
      : 'not set: /metrics is off (set it for Prometheus)',
  );
  if (!local && !config.trustProxy)
    add(
      'TRUST_PROXY',
      'warn',
      'false: behind a load balancer, set TRUST_PROXY=true so client addresses are right',
    );

  // Database.
  let db: Db | null = null;
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, 'pglite'))) {
    add(
      'database',
      'warn',
      `no embedded database in ${config.dataDir} yet: the first \`quai serve\` creates it`,
    );
  } else
    try {
      db = await within(
        10_000,
        openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 }),
      );
      const facts = await within(5000, serverFacts(db));
      const major = Number.parseInt(facts.version, 10);
      add(
        'database',
        db.engine === 'postgres' && major < MIN_POSTGRES ? 'fail' : 'ok',
        `${db.engine === 'postgres' ? 'PostgreSQL' : 'embedded (PGlite)'} ${facts.version}` +
          (db.engine === 'postgres' && major < MIN_POSTGRES
            ? `: upgrade to PostgreSQL ${MIN_POSTGRES} or later`
            : '') +
          `; extensions: ${facts.extensions.join(', ') || 'none'}`,
      );
      const pending = await within(5000, pendingMigrations(db, MIGRATIONS)).catch(() => null);
      if (pending === null)
        add('migrations', 'warn', 'no schema yet: run `quai migrate` (the first `quai serve` does it too)');
      else
        add(
          'migrations',
          pending.length === 0 ? 'ok' : 'warn',
          pending.length === 0
            ? 'every migration applied'
            : `${pending.length} to apply (${pending.slice(0, 3).join(', ')}…): run \`quai migrate\` (the first \`quai serve\` does it too)`,
        );
      try {
        const depth = await within(5000, queueDepth(db));
        add('job queue', 'ok', `${depth.reduce((sum, row) => sum + row.n, 0)} jobs waiting or running`);
      } catch {
        add('job queue', 'warn', 'not created yet: the first `quai serve` or `quai worker` creates it');
      }
    } catch (error) {
      const detail = message(error);
      if (/could not be locked|in use/i.test(detail))
        add(
          'database',
          'ok',
          'the embedded database is open in a running portal (stop it to check more here)',
        );
      else
        add(
          'database',
          'fail',
          `${detail}: ${config.databaseUrl ? 'check DATABASE_URL and that PostgreSQL accepts connections' : `check that ${config.dataDir} is readable`}`,
        );
    } finally {
      await db?.close().catch(() => {});
    }

  // Files: the blob store is writable, the disk has room.
  const blobs = path.join(config.dataDir, 'blobs');
  try {
    await mkdir(blobs, { recursive: true });
    const probe = path.join(blobs, `.doctor-${process.pid}`);
    await writeFile(probe, 'quai');
    if ((await readFile(probe, 'utf8')) !== 'quai') throw new Error('read back differs');
    await rm(probe);
    add('blob store', 'ok', `${blobs} is writable`);
  } catch (error) {
    add(
      'blob store',
      'fail',
      `${blobs}: ${message(error)} — give the portal's user write access to DATA_DIR`,
    );
  }
  try {
    const disk = await statfs(config.dataDir);
    const free = disk.bavail * disk.bsize;
    const share = disk.bavail / disk.blocks;
    add(
      'disk',
      free < 5 * GIB || share < 0.1 ? 'warn' : 'ok',
      `${(free / GIB).toFixed(1)} GiB free (${Math.round(share * 100)} %) in ${config.dataDir}` +
        (free < 5 * GIB || share < 0.1
          ? ': uploads and datastore loads need room; free some or grow the disk'
          : ''),
    );
  } catch (error) {
    add('disk', 'warn', message(error));
  }

  // DuckDB answers (the datastore's engine).
  try {
    const duck = await openDuck({
      tempDir: path.join(config.dataDir, 'datastore', 'tmp', 'doctor'),
      threads: 1,
    });
    const answers = await duckAnswers(duck).finally(() => duck.close());
    add(
      'DuckDB',
      answers ? 'ok' : 'fail',
      answers ? 'answers' : 'answers wrongly: reinstall the dependencies (npm ci)',
    );
  } catch (error) {
    add('DuckDB', 'fail', `${message(error)}: reinstall the dependencies (npm ci)`);
  }

  // The portal itself needs no browser; the test suite does.
  add(
    'Chromium',
    'ok',
    existsSync('/usr/bin/chromium')
      ? '/usr/bin/chromium (used by the test suite only)'
      : 'not installed: the portal does not need it; the browser tests do (apt-get install chromium)',
  );
  return findings;
}

/** Prints the findings; the exit code. */
export async function doctorCommand(config: Config): Promise<number> {
  const findings = await doctor(config);
  const mark = { ok: '✓', warn: '!', fail: '✗' } as const;
  for (const finding of findings) console.log(`${mark[finding.status]} ${finding.check}: ${finding.detail}`);
  return findings.some((finding) => finding.status === 'fail') ? 1 : 0;
}

/** `quai backup <file>`: the embedded database and its files, the portal stopped. */
export async function backupCommand(config: Config, file: string | undefined): Promise<number> {
  if (!file) {
    console.error('Usage: quai backup <file.tar.gz>');
    return 2;
  }
  if (config.databaseUrl) {
    console.error('On PostgreSQL, back up with pg_dump and a copy of DATA_DIR/blobs (docs/operations.md).');
    return 1;
  }
  let db: Db;
  try {
    db = await openDatabase({ databaseUrl: null, dataDir: config.dataDir, poolSize: 1 });
  } catch (error) {
    console.error(
      `${message(error)}\nThe portal is running: download the backup from it instead (GET /api/v1/backup with an administrator's token).`,
    );
    return 1;
  }
  try {
    await writeBackup(db, config.dataDir, createWriteStream(file));
    console.log(`Backup written to ${file}.`);
    return 0;
  } finally {
    await db.close();
  }
}

/** `quai restore <file>`: into a DATA_DIR that holds no database yet. */
export async function restoreCommand(config: Config, file: string | undefined): Promise<number> {
  if (!file) {
    console.error('Usage: quai restore <file.tar.gz>');
    return 2;
  }
  try {
    const { created } = await restoreBackup(createReadStream(file), config.dataDir);
    console.log(`Restored the backup of ${created} into ${config.dataDir}.`);
    return 0;
  } catch (error) {
    console.error(message(error));
    return 1;
  }
}

/** `quai blobs migrate to-s3|to-local`: the files between DATA_DIR/blobs and BLOB_STORE. */
export async function blobsCommand(config: Config, args: string[]): Promise<number> {
  const [verb, direction] = args;
  if (verb !== 'migrate' || (direction !== 'to-s3' && direction !== 'to-local')) {
    console.error('Usage: quai blobs migrate to-s3|to-local');
    return 2;
  }
  if (!config.blobStore) {
    console.error('Set BLOB_STORE=s3://bucket/prefix (and S3_ENDPOINT, credentials) first.');
    return 2;
  }
  const local = await openLocalBlobStore(path.join(config.dataDir, 'blobs'));
  const s3 = openS3BlobStore(config.blobStore);
  try {
    const [from, to] = direction === 'to-s3' ? [local, s3] : [s3, local];
    let seen = 0;
    const result = await migrateBlobs(from, to, () => {
      if (++seen % 100 === 0) console.log(`${seen} files…`);
    });
    console.log(`${result.copied} copied, ${result.skipped} already there, ${result.failed.length} failed.`);
    for (const failure of result.failed) console.error(`✗ ${failure.sha256}: ${failure.reason}`);
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    await local.close();
    await s3.close();
  }
}
