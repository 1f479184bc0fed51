/**
 * Runs every test file (test/ and the unit tests beside the code) with node:test, two at a time.
 * Database tests run on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

function findTests(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const file = path.join(directory, entry);
    if (statSync(file).isDirectory()) return entry === 'node_modules' ? [] : findTests(file);
    return /\.test\.tsx?$/.test(entry) ? [file] : [];
  });
}

const filter = process.argv[2];
const files = [...findTests('src'), ...findTests('test')]
  .filter((file) => !filter || file.includes(filter))
  .sort();
console.log(
  `${files.length} test files; engines: PGlite${process.env.TEST_DATABASE_URL ? ' and PostgreSQL' : ''}`,
);

const stream = run({ files, concurrency: 2, timeout: 10 * 60 * 1000 });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(new spec()).pipe(process.stdout);
