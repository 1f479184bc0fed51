import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { MIGRATIONS } from '../../src/context.js';
import { type Db, migrate } from '../../src/platform/db/index.js';
import { openPglite } from '../../src/platform/db/pglite.js';
import { openPostgres } from '../../src/platform/db/postgres.js';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL as well when TEST_DATABASE_URL points at a server. */
export function enginesUnderTest(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  db: Db;
  /** The PostgreSQL URL of this database (null on PGlite), for code that opens its own connection. */
  url: string | null;
  /** Closes the database and, on PostgreSQL, drops it. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  return engine === 'pglite' ? createPglite() : createPostgres();
}

/** A hash of every migration file: the cached template is rebuilt when any of them changes. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const source of MIGRATIONS) {
    const directory = fileURLToPath(source.directory);
    for (const file of readdirSync(directory).sort())
      hash.update(file).update(readFileSync(path.join(directory, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function createPglite(): Promise<TestDatabase> {
  const template = path.join(os.tmpdir(), `quai-test-pglite-${migrationsHash()}.tar`);
  if (!existsSync(template)) {
    const fresh = await openPglite();
    await migrate(fresh, MIGRATIONS);
    const dump = Buffer.from(await (await fresh.dump()).arrayBuffer());
    await fresh.close();
    // Concurrent test processes may race: each writes its own file, the rename is atomic.
    const temporary = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(temporary, dump);
    await rename(temporary, template);
  }
  const db = await openPglite({ loadDataDir: new Blob([await readFile(template)]) });
  await migrate(db, MIGRATIONS);
  return { db, url: null, destroy: () => db.close() };
}

async function createPostgres(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `quai_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres({ url: url.toString(), poolSize: 5 });
  await migrate(db, MIGRATIONS);
  return {
    db,
    url: url.toString(),
    async destroy() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
