import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { create, extract } from 'tar';
import type { Db } from '../db/index.js';
import { openPglite, type PgliteDb } from '../db/pglite.js';

/** What a backup archive says about itself. */
interface Manifest {
  format: 'quai-backup/1';
  created: string;
  engine: 'pglite';
}

const SNAPSHOT = /^backup-snapshot-[\w-]+$/;
/** DATA_DIR's entries a backup never carries: the live database, work in progress, backups. */
const LEAVE = new Set(['pglite', 'pglite.lock', 'uploads', 'backups']);
/** Inside the carried directories, caches and work in progress. */
const SKIP = /(^|\/)(tmp|\.doctor-[^/]*)(\/|$)/;

export class BackupError extends Error {
  override name = 'BackupError';
}

const isPglite = (db: Db): db is PgliteDb => db.engine === 'pglite' && 'dump' in db;

/**
 * Writes one archive (tar, gzip) of the embedded database and its files while the portal runs:
 * the database first, as one consistent snapshot (PGlite's dump), then the files. Uploaded files
 * are content-addressed and never modified, so every file the snapshot names is already there;
 * one written after it is carried harmlessly. On PostgreSQL: pg_dump and a copy of the files
 * (docs/operations.md).
 */
export async function writeBackup(db: Db, dataDir: string, out: Writable): Promise<void> {
  if (!isPglite(db))
    throw new BackupError(
      'On PostgreSQL, back up with pg_dump and a copy of DATA_DIR/blobs (docs/operations.md).',
    );
  const snapshot = `backup-snapshot-${process.pid}-${Date.now()}`;
  const staged = path.join(dataDir, snapshot);
  await mkdir(staged, { recursive: true });
  try {
    const manifest: Manifest = {
      format: 'quai-backup/1',
      created: new Date().toISOString(),
      engine: 'pglite',
    };
    await writeFile(path.join(staged, 'quai-backup.json'), JSON.stringify(manifest));
    await writeFile(path.join(staged, 'pglite.tar'), Buffer.from(await (await db.dump()).arrayBuffer()));
    const carried = (await readdir(dataDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && !LEAVE.has(entry.name) && !SNAPSHOT.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    await pipeline(
      create({ gzip: true, cwd: dataDir, portable: true, filter: (entry) => !SKIP.test(entry) }, [
        snapshot,
        ...carried,
      ]),
      out,
    );
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

/**
 * Restores an archive into a directory that holds no database yet: the files in place, the
 * database loaded from its snapshot. What it held before is refused (nothing is overwritten).
 */
export async function restoreBackup(archive: Readable, dataDir: string): Promise<{ created: string }> {
  if (existsSync(path.join(dataDir, 'pglite')))
    throw new BackupError(`${dataDir} already holds a database: restore into a new, empty directory.`);
  await mkdir(dataDir, { recursive: true });
  const landing = path.join(dataDir, `.restore-${process.pid}-${Date.now()}`);
  await mkdir(landing);
  try {
    await pipeline(archive, extract({ cwd: landing, strict: true }));
    const snapshot = (await readdir(landing)).find((name) => SNAPSHOT.test(name));
    const manifestFile = snapshot ? path.join(landing, snapshot, 'quai-backup.json') : '';
    if (!snapshot || !existsSync(manifestFile)) throw new BackupError('Not a Quai backup: no manifest.');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
    if (manifest.format !== 'quai-backup/1')
      throw new BackupError(`Unknown backup format: ${manifest.format}`);
    try {
      const db = await openPglite({
        dataDir: path.join(dataDir, 'pglite'),
        loadDataDir: new Blob([await readFile(path.join(landing, snapshot, 'pglite.tar'))]),
      });
      await db.close();
    } catch (error) {
      // Nothing half-written: a database that did not load is not left behind.
      await rm(path.join(dataDir, 'pglite'), { recursive: true, force: true });
      throw error;
    }
    for (const name of await readdir(landing)) {
      if (name === snapshot) continue;
      await rm(path.join(dataDir, name), { recursive: true, force: true });
      await rename(path.join(landing, name), path.join(dataDir, name));
    }
    return { created: manifest.created };
  } finally {
    await rm(landing, { recursive: true, force: true });
  }
}
