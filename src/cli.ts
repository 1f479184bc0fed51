import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ckanMigrateCommand, harvestCommand } from './cli-harvest.js';
import { backupCommand, blobsCommand, doctorCommand, restoreCommand } from './cli-ops.js';
import { importReference, loadReference } from './cli-reference.js';
import { generateRegistry, importRegistry } from './cli-registry.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type Context, createContext } from './context.js';
import { loadDemoContent } from './demo/index.js';
import { serve, work } from './main.js';
import { SYSTEM } from './modules/accounts/index.js';
import { href } from './modules/web/index.js';
import { AppError, ValidationError } from './platform/http/errors.js';

const USAGE = `Usage: quai <command>

  serve                                   start the portal (default); it also works the job queues
  worker                                  work the job queues only (more workers on PostgreSQL)
  migrate                                 bring the database schema up to date
  doctor                                  check the configuration, database, files, queue and DuckDB; say what to fix
  backup <file.tar.gz>                    the embedded database and its files in one archive (portal stopped;
                                          while it runs: GET /api/v1/backup as an administrator)
  restore <file.tar.gz>                   a backup into a DATA_DIR that holds no database yet
  blobs migrate to-s3|to-local            copy the files between DATA_DIR/blobs and BLOB_STORE (resumable, verified)
  user create <name> [--email E] [--fullname F] [--password P] [--sysadmin]
                                          create an account (a password is generated if none is given)
  user password-link <name> | --all      a one-time link (7 days) for a person to set their password;
                                          --all: every account without one (people a migration brought)
  token create <user> [--name N]          create an API token for a user and print it (once)
  demo load                               load the demo catalogue into an empty database
  procurement import <file>               import OCDS (release/record package, releases, JSON Lines);
                                          .csv files and --events read SEAO-style events (docs/procurement-events.md)
  registry generate <dir> [--enterprises N] [--editions K] [--seed S] [--churn C]
                                          write fictitious editions of the business registry (REQ format)
  registry import <zip> [--published-on YYYY-MM-DD]
                                          import an edition of the Registraire des entreprises' open data
  harvest add <name> --kind ckan|dcat|dcat-us|opendatasoft --url U --organization O
              [--title T] [--schedule "0 3 * * *"] [--upstream-organization X] [--tag Y] [--license-default L] [--mirror]
  harvest list | test <name> | run <name> add a partner's catalogue, test it (nothing written), run it (docs/harvest.md)
  ckan migrate <url> [--api-key K]        bring a CKAN portal over: organisations, groups, datasets (ids and
                                          names kept), files; run again, only what changed upstream changes
  reference load                          publish the reference sets' first versions (2016 files, regions, countries)
  reference import <set> <state.csv> --label L --date YYYY-MM-DD [--mapping mamh|d001|file.json]
                   [--transactions d002.csv] [--override "reason"]
                                          a new version of a reference set (docs/reference-data.md)

Configuration comes from the environment: see the README.`;

/** Runs one command; returns the process exit code. */
export async function run(argv: string[], config: Config = loadConfig()): Promise<number> {
  const [command = 'serve', subcommand, ...rest] = argv;
  if (command === 'serve') {
    await serve(config);
    return 0;
  }
  if (command === 'worker') {
    await work(config);
    return 0;
  }
  if (command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'doctor') return doctorCommand(config);
  if (command === 'backup') return backupCommand(config, subcommand);
  if (command === 'restore') return restoreCommand(config, subcommand);
  if (command === 'blobs') return blobsCommand(config, [subcommand ?? '', ...rest]);
  if (command === 'registry' && subcommand === 'generate') {
    await generateRegistry(rest);
    return 0;
  }
  const ctx = await createContext(config);
  try {
    if (command === 'migrate') {
      console.log('Database schema is up to date.');
    } else if (command === 'user' && subcommand === 'create') {
      await createUser(ctx, rest);
    } else if (command === 'user' && subcommand === 'password-link') {
      await passwordLinks(ctx, config, rest);
    } else if (command === 'token' && subcommand === 'create') {
      await createToken(ctx, rest);
    } else if (command === 'procurement' && subcommand === 'import') {
      await importProcurement(ctx, rest);
    } else if (command === 'registry' && subcommand === 'import') {
      if (!(await importRegistry(ctx, rest))) return 1;
    } else if (command === 'reference' && subcommand === 'load') {
      await loadReference(ctx);
    } else if (command === 'reference' && subcommand === 'import') {
      await importReference(ctx, rest);
    } else if (command === 'ckan' && subcommand === 'migrate') {
      return await ckanMigrateCommand(ctx, rest);
    } else if (command === 'harvest') {
      return await harvestCommand(ctx, subcommand, rest);
    } else if (command === 'demo' && subcommand === 'load') {
      const loaded = await loadDemoContent(ctx);
      console.log(
        loaded
          ? `Demo content loaded: ${loaded.datasets} datasets.`
          : 'The catalogue is not empty: nothing loaded.',
      );
    } else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

async function importProcurement(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { events: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('procurement import needs a file');
  const text = await readFile(file, 'utf8');
  const isCsv = file.toLowerCase().endsWith('.csv');
  const report =
    values.events || isCsv
      ? await ctx.procurement.imports.importEvents(SYSTEM, text, isCsv ? 'csv' : 'json')
      : await ctx.procurement.imports.importOcds(SYSTEM, text);
  console.log(
    `${report.received} releases read: ${report.added} added, ${report.unchanged} already published, ${report.recompiled} records compiled.`,
  );
  for (const issue of report.errors.slice(0, 20)) console.log(`  error   ${issue.pointer}: ${issue.message}`);
  for (const issue of report.warnings.slice(0, 20))
    console.log(`  warning ${issue.pointer}: ${issue.message}`);
}

/** Prints name, address and link, one account per line (tab-separated), for the administrator to send. */
async function passwordLinks(ctx: Context, config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { all: { type: 'boolean' } },
  });
  const names = values.all
    ? (await ctx.accounts.passwordLinks.withoutPassword()).map((user) => user.name)
    : positionals.slice(0, 1);
  if (names.length === 0 && !values.all) throw new Error('user password-link needs a name, or --all');
  for (const name of names) {
    const user = await ctx.accounts.requireUser(name);
    const { token, expiresAt } = await ctx.accounts.passwordLinks.issue(SYSTEM, user.id);
    const url = new URL(href('fr', 'setPassword', { token }), config.baseUrl).toString();
    console.log([user.name, user.email ?? '', url, expiresAt.toISOString()].join('\t'));
  }
}

async function createUser(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      fullname: { type: 'string' },
      password: { type: 'string' },
      sysadmin: { type: 'boolean' },
    },
  });
  const name = positionals[0];
  if (!name) throw new Error('user create needs a name');
  const password = values.password ?? randomBytes(12).toString('base64url');
  const user = await ctx.accounts.createUser(SYSTEM, {
    name,
    email: values.email ?? null,
    fullname: values.fullname ?? null,
    about: null,
    password,
    sysadmin: values.sysadmin === true,
  });
  console.log(`Created ${user.sysadmin ? 'sysadmin' : 'user'} ${user.name} (${user.id}).`);
  if (!values.password) console.log(`Password: ${password}`);
}

async function createToken(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' } },
  });
  const user = positionals[0];
  if (!user) throw new Error('token create needs a user name');
  const created = await ctx.accounts.createToken(SYSTEM, {
    user,
    name: values.name ?? 'cli',
    expiresAt: null,
  });
  console.log(created.token);
}

function report(error: unknown): number {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof ValidationError)
    console.error(error.issues.map((issue) => `${issue.path}: ${issue.message.en}`).join('\n'));
  else if (error instanceof AppError) console.error(error.detail.en);
  else console.error(error instanceof Error ? error.message : error);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (error) {
    process.exitCode = report(error);
  }
}
