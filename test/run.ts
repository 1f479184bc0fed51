/**
 * Runs every test file (test/ and the unit tests beside the code) with node:test, two at a time.
 * Database tests run on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
 *
 * `node --import tsx test/run.ts datastore` runs the files whose path contains "datastore".
 *
 * Tests wait for the events they need, never for a guessed duration; a genuine hang is caught by
 * one generous limit on the whole run (TEST_RUN_MINUTES, 75 by default), which names the tests
 * still running when it ends the run.
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

// One area, or several separated by commas: `node --import tsx test/run.ts ckan,dcat`.
const filters = process.argv[2]?.split(',').filter(Boolean) ?? [];
const files = [...findTests('src'), ...findTests('test')]
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
console.log(
  `${files.length} test files; engines: PGlite${process.env.TEST_DATABASE_URL ? ' and PostgreSQL' : ''}`,
);

const running = new Map<string, string>();
const limitMinutes = Number(process.env.TEST_RUN_MINUTES ?? 75);
const watchdog = setTimeout(
  () => {
    console.error(`\nThe test run passed its limit of ${limitMinutes} minutes. Still running:`);
    for (const [key, name] of running) console.error(`  ${key}: ${name}`);
    process.exit(1);
  },
  limitMinutes * 60 * 1000,
);
watchdog.unref();

const stream = run({ files, concurrency: 2 });
stream.on('test:start', (event) => {
  running.set(`${event.file ?? ''}#${event.nesting}:${event.name}`, `${event.file ?? ''} › ${event.name}`);
});
const finished = (event: { file?: string; nesting: number; name: string }) =>
  running.delete(`${event.file ?? ''}#${event.nesting}:${event.name}`);
stream.on('test:pass', finished);
stream.on('test:fail', (event) => {
  finished(event);
  process.exitCode = 1;
});
stream.compose(new spec()).pipe(process.stdout);
