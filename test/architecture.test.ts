import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const SOURCE = path.resolve('src');

function sourceFiles(directory = SOURCE): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const file = path.join(directory, entry);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.test.ts') ? [file] : [];
  });
}

/** Relative imports of a file, resolved to paths under src/. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].map((match) =>
    path.relative(SOURCE, path.resolve(path.dirname(file), match[1] as string)),
  );
}

const relative = (file: string) => path.relative(SOURCE, file);
const moduleOf = (file: string) => /^modules\/([^/]+)\//.exec(file)?.[1] ?? null;

test('the platform never imports a module', () => {
  for (const file of sourceFiles().filter((f) => relative(f).startsWith('platform/'))) {
    for (const target of imports(file))
      assert.ok(!target.startsWith('modules/'), `${relative(file)} imports ${target}`);
  }
});

test('a module reaches another module only through its index.ts', () => {
  for (const file of sourceFiles()) {
    const own = moduleOf(relative(file));
    for (const target of imports(file)) {
      const other = moduleOf(target);
      if (other === null || other === own) continue;
      assert.equal(target, `modules/${other}/index.js`, `${relative(file)} reaches into ${target}`);
    }
  }
});

test('SQL lives in repositories (and the search SQL builders, and DuckDB files *.duckdb.ts), never in routes, services, ckan or web', () => {
  const allowed = /(\.repo\.ts|\.duckdb\.ts|query-sql\.ts|visibility\.ts|platform\/db\/.*)$/;
  const statement = /['`"][^'`"]*\b(SELECT\s+[\w*(]|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\.\w+\s+SET)/;
  for (const file of sourceFiles()) {
    if (allowed.test(relative(file))) continue;
    const text = readFileSync(file, 'utf8');
    assert.ok(!statement.test(text), `${relative(file)} holds SQL`);
  }
});

test("a module's SQL names only its own schema", () => {
  const schemas = ['accounts', 'catalog', 'procurement', 'datastore'];
  for (const file of sourceFiles().filter((f) => /\.repo\.ts$|query-sql\.ts$|visibility\.ts$/.test(f))) {
    const own = moduleOf(relative(file));
    const text = readFileSync(file, 'utf8');
    for (const schema of schemas.filter((s) => s !== own)) {
      assert.ok(
        !new RegExp(`\\b${schema}\\.\\w+`).test(text.replace(/import[^;]+;/g, '')),
        `${relative(file)} reads ${schema} tables`,
      );
    }
  }
});

test('only config.ts reads the environment', () => {
  for (const file of sourceFiles()) {
    if (relative(file) === 'config.ts') continue;
    assert.ok(!readFileSync(file, 'utf8').includes('process.env'), `${relative(file)} reads process.env`);
  }
});

test('source files stay small', () => {
  for (const file of sourceFiles()) {
    const lines = readFileSync(file, 'utf8').split('\n').length;
    assert.ok(lines <= 400, `${relative(file)} has ${lines} lines`);
  }
});
