/**
 * The rules of the house (docs/ARCHITECTURE.md), checked on the source tree. Each rule is a pure
 * function over a set of files, so the test also shows it failing on a tree that breaks it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

/** A source tree: file paths relative to src/, and their text. */
type Tree = Map<string, string>;

/**
 * The module graph: which modules each module may use (through their index.ts). A module that is
 * not here is refused until it is placed in the graph; an edge that is not here is refused.
 */
const MODULE_GRAPH: Record<string, readonly string[]> = {
  accounts: [],
  catalog: ['accounts'],
  datastore: ['accounts', 'catalog', 'reference'],
  procurement: ['accounts', 'catalog'],
  registry: ['accounts', 'catalog'],
  reference: ['accounts', 'catalog', 'registry'],
  schemas: ['accounts', 'catalog', 'datastore', 'reference'],
  quality: ['accounts', 'catalog', 'datastore', 'schemas'],
  harvest: ['accounts', 'catalog', 'datastore'],
  mail: ['accounts'],
  community: ['accounts', 'catalog', 'mail', 'procurement', 'registry'],
  ckan: ['accounts', 'catalog', 'datastore'],
  web: [
    'accounts',
    'catalog',
    'community',
    'datastore',
    'harvest',
    'procurement',
    'quality',
    'reference',
    'registry',
    'schemas',
  ],
};

/** Modules that are clients of the others and keep no data of their own: no SQL, no schema. */
const CLIENT_MODULES = new Set(['ckan', 'web']);

function readTree(root: string): Tree {
  const tree: Tree = new Map();
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const file = path.join(directory, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(tsx?|sql)$/.test(entry) && !/\.test\.tsx?$/.test(entry))
        tree.set(path.relative(root, file), readFileSync(file, 'utf8'));
    }
  };
  walk(root);
  return tree;
}

const moduleOf = (file: string) => /^modules\/([^/]+)\//.exec(file)?.[1] ?? null;
const isCode = (file: string) => /\.tsx?$/.test(file);

/** Relative imports and re-exports of a file, resolved to files of the tree. */
function importsOf(tree: Tree, file: string): string[] {
  const text = tree.get(file) ?? '';
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)[^'";]*?from\s+'(\.[^']+)'/gm)) {
    const target = path.normalize(path.join(path.dirname(file), match[1] as string));
    const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx')];
    const resolved = candidates.find((candidate) => tree.has(candidate));
    if (resolved) found.push(resolved);
  }
  return found;
}

function platformNeverImportsAModule(tree: Tree): string[] {
  return [...tree.keys()]
    .filter((file) => file.startsWith('platform/') && isCode(file))
    .flatMap((file) =>
      importsOf(tree, file)
        .filter((target) => target.startsWith('modules/'))
        .map((target) => `${file} imports ${target}`),
    );
}

/** A module reaches another only through its index.ts, and only along the graph's edges. */
function moduleGraphIsKept(tree: Tree): string[] {
  const problems: string[] = [];
  const modules = new Set([...tree.keys()].map(moduleOf).filter((name): name is string => name !== null));
  for (const name of modules) {
    if (!(name in MODULE_GRAPH)) problems.push(`module ${name} is not placed in the module graph`);
  }
  for (const file of [...tree.keys()].filter(isCode)) {
    const own = moduleOf(file);
    for (const target of importsOf(tree, file)) {
      const other = moduleOf(target);
      if (other === null || other === own) continue;
      if (target !== `modules/${other}/index.ts`) problems.push(`${file} reaches into ${target}`);
      if (own !== null && !(MODULE_GRAPH[own] ?? []).includes(other))
        problems.push(`${file}: module ${own} may not use module ${other}`);
    }
  }
  return problems;
}

/** Every cycle of imports among the files (a module's inner files included). */
function importCycles(tree: Tree): string[] {
  const files = [...tree.keys()].filter(isCode);
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of importsOf(tree, file)) {
      if (state.get(target) === 'open')
        cycles.push([...stack.slice(stack.indexOf(target)), target].join(' → '));
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

const SQL_STATEMENT =
  /['`"][^'`"]*\b(SELECT\s+[\w*(]|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\.\w+\s+SET|CREATE\s+TABLE)/;

/**
 * SQL lives in a data module's repositories (`*.repo.ts`), its SQL builders (`*.sql.ts`) and its
 * DuckDB files (`*.duckdb.ts`), or in the platform's database code and its own `*.sql.ts` /
 * `*.duckdb.ts` files (the operations' checks read the platform's tables); never in routes,
 * services, ckan or web.
 */
function sqlOnlyInRepositories(tree: Tree): string[] {
  return [...tree.keys()]
    .filter(isCode)
    .filter((file) => SQL_STATEMENT.test(tree.get(file) ?? ''))
    .filter((file) => {
      if (file.startsWith('platform/db/')) return false;
      const module = moduleOf(file);
      const repository = /\.(repo|sql|duckdb)\.ts$/.test(file);
      if (file.startsWith('platform/') && repository) return false;
      return module === null || CLIENT_MODULES.has(module) || !repository;
    })
    .map((file) => `${file} holds SQL`);
}

/** Each data module owns one schema, created in its migrations, and its SQL names only that one. */
function schemasAreOwned(tree: Tree): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const [file, text] of tree) {
    const module = moduleOf(file);
    if (!module || !file.endsWith('.sql')) continue;
    for (const match of text.matchAll(/CREATE SCHEMA (?:IF NOT EXISTS )?(\w+)/gi)) {
      const schema = match[1] as string;
      if (schema !== module) problems.push(`${file} creates schema ${schema}, not ${module}`);
      owner.set(schema, module);
    }
  }
  for (const [file, text] of tree) {
    const module = moduleOf(file);
    if (!module || !/\.(repo|sql|duckdb)\.ts$/.test(file)) continue;
    const code = text.replace(/^import[^;]+;/gm, '');
    for (const [schema, schemaOwner] of owner) {
      if (schemaOwner !== module && new RegExp(`\\b${schema}\\.\\w+`).test(code))
        problems.push(`${file} reads ${schema} tables`);
    }
  }
  return problems;
}

function onlyConfigReadsTheEnvironment(tree: Tree): string[] {
  return [...tree.keys()]
    .filter((file) => isCode(file) && file !== 'config.ts' && (tree.get(file) ?? '').includes('process.env'))
    .map((file) => `${file} reads process.env`);
}

function filesStaySmall(tree: Tree): string[] {
  return [...tree.keys()]
    .filter(isCode)
    .map((file) => [file, (tree.get(file) ?? '').split('\n').length] as const)
    .filter(([, lines]) => lines > 400)
    .map(([file, lines]) => `${file} has ${lines} lines`);
}

const RULES = {
  'the platform never imports a module': platformNeverImportsAModule,
  'a module reaches another only through its index.ts, along the module graph': moduleGraphIsKept,
  'no import closes a cycle': importCycles,
  'SQL lives only in the data modules’ repositories': sqlOnlyInRepositories,
  'each module owns its schema and reads no other': schemasAreOwned,
  'only config.ts reads the environment': onlyConfigReadsTheEnvironment,
  'source files stay under 400 lines': filesStaySmall,
};

describe('the rules of the house, on src/', () => {
  const tree = readTree(path.resolve('src'));
  test('the tree is read: modules, their schemas and imports are found', () => {
    const modules = new Set([...tree.keys()].map(moduleOf).filter(Boolean));
    assert.deepEqual([...modules].sort(), Object.keys(MODULE_GRAPH).sort());
    assert.ok(importsOf(tree, 'context.ts').includes('modules/catalog/index.ts'));
  });
  for (const [rule, check] of Object.entries(RULES)) {
    test(rule, () => assert.deepEqual(check(tree), []));
  }
});

describe('the rules fail on a tree that breaks them', () => {
  const tree = (files: Record<string, string>): Tree => new Map(Object.entries(files));
  const index = 'export const x = 1;\n';

  test('a misplaced import: into another module, against the graph, from the platform', () => {
    const broken = tree({
      'modules/catalog/index.ts': "export { y } from './inner.js';\n",
      'modules/catalog/inner.ts': "import { z } from '../web/index.js';\nexport const y = z;\n",
      'modules/web/index.ts':
        "import { y } from '../catalog/datasets/dataset.service.js';\nexport const z = y;\n",
      'modules/catalog/datasets/dataset.service.ts': index,
      'modules/unplaced/index.ts': index,
      'platform/db/thing.ts': "import { y } from '../../modules/catalog/index.js';\nexport const w = y;\n",
    });
    assert.deepEqual(moduleGraphIsKept(broken).sort(), [
      'module unplaced is not placed in the module graph',
      'modules/catalog/inner.ts: module catalog may not use module web',
      'modules/web/index.ts reaches into modules/catalog/datasets/dataset.service.ts',
    ]);
    assert.deepEqual(platformNeverImportsAModule(broken), [
      'platform/db/thing.ts imports modules/catalog/index.ts',
    ]);
  });

  test('a cycle of imports', () => {
    const broken = tree({
      'modules/procurement/ocds/validate.ts':
        "import { a } from './inspect-fields.js';\nexport const b = a;\n",
      'modules/procurement/ocds/inspect-fields.ts':
        "import type { b } from './validate.js';\nexport const a = 1;\n",
    });
    assert.equal(importCycles(broken).length, 1);
    assert.match(importCycles(broken)[0] ?? '', /validate\.ts → .*inspect-fields\.ts → .*validate\.ts/);
  });

  test('misplaced SQL: in web (even in a file named .repo.ts), in a service, in another module’s schema', () => {
    const select = 'export const q = `SELECT id FROM catalog.datasets`;\n';
    const broken = tree({
      'modules/web/x.repo.ts': select,
      'modules/catalog/datasets/dataset.service.ts': select,
      'modules/catalog/datasets/dataset.repo.ts': select,
      'modules/catalog/migrations/0001.sql': 'CREATE SCHEMA catalog;',
      'modules/datastore/migrations/0001.sql': 'CREATE SCHEMA datastore;',
      'modules/datastore/datastore.repo.ts': select,
      'cli.ts': select,
    });
    assert.deepEqual(sqlOnlyInRepositories(broken).sort(), [
      'cli.ts holds SQL',
      'modules/catalog/datasets/dataset.service.ts holds SQL',
      'modules/web/x.repo.ts holds SQL',
    ]);
    assert.deepEqual(schemasAreOwned(broken).sort(), [
      'modules/datastore/datastore.repo.ts reads catalog tables',
      'modules/web/x.repo.ts reads catalog tables',
    ]);
  });
});
