import { parseArgs } from 'node:util';
import type { Context } from './context.js';
import { SYSTEM } from './modules/accounts/index.js';
import { SOURCE_KINDS, type SourceKind } from './modules/harvest/index.js';

/**
 * `quai harvest add <name> --kind K --url U --organization O [--title T] [--schedule "0 3 * * *"]
 * [--upstream-organization X] [--tag Y] [--license-default L]`, `quai harvest list`,
 * `quai harvest test <name>` and `quai harvest run <name>` (docs/harvest.md).
 */
export async function harvestCommand(
  ctx: Context,
  subcommand: string | undefined,
  args: string[],
): Promise<number> {
  if (subcommand === 'list') {
    for (const source of await ctx.harvest.sources.list(SYSTEM))
      console.log(`${source.name}\t${source.kind}\t${source.url}\t${source.schedule ?? 'by hand'}`);
    return 0;
  }
  if (subcommand === 'add') {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        url: { type: 'string' },
        organization: { type: 'string' },
        title: { type: 'string' },
        schedule: { type: 'string' },
        'upstream-organization': { type: 'string' },
        tag: { type: 'string' },
        'license-default': { type: 'string' },
        mirror: { type: 'boolean' },
      },
    });
    const name = positionals[0] ?? '';
    const kind = values.kind ?? '';
    if (!(SOURCE_KINDS as readonly string[]).includes(kind))
      throw new Error(`--kind must be one of ${SOURCE_KINDS.join(', ')}`);
    const source = await ctx.harvest.sources.create(SYSTEM, {
      name,
      title: values.title ?? name,
      organization: values.organization ?? '',
      kind: kind as SourceKind,
      url: values.url ?? '',
      schedule: values.schedule ?? null,
      filters: {
        ...(values['upstream-organization'] ? { organization: values['upstream-organization'] } : {}),
        ...(values.tag ? { tag: values.tag } : {}),
      },
      licenseDefault: values['license-default'] ?? null,
      mirror: values.mirror === true,
    });
    console.log(`Source ${source.name} added (${source.id}).`);
    return 0;
  }
  if (subcommand === 'test' || subcommand === 'run') {
    const name = args[0];
    if (!name) throw new Error(`harvest ${subcommand} needs a source name`);
    const run = await ctx.harvest.runHere(SYSTEM, name, { dryRun: subcommand === 'test' });
    const verb = run.dryRun ? ' would be' : '';
    console.log(
      `${run.dryRun ? 'Test' : 'Run'} ${run.status}: ${run.pages} pages, ${run.requests} requests.` +
        (run.error ? ` ${run.error}` : ''),
    );
    for (const [action, count] of Object.entries(run.counts))
      if (count > 0 && action !== 'pending') console.log(` ${count}${verb} ${action}`);
    const errors = (await ctx.harvest.report(SYSTEM, run.id, { action: 'error', limit: 20, offset: 0 }))
      .items;
    for (const item of errors) console.log(`  error ${item.upstreamId}: ${item.reason}`);
    return run.status === 'succeeded' ? 0 : 1;
  }
  console.error('Usage: quai harvest add|list|test|run …');
  return 2;
}

/** `quai ckan migrate <url> [--api-key K]`: a CKAN portal brought over; prints the report. */
export async function ckanMigrateCommand(ctx: Context, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'api-key': { type: 'string' } },
  });
  const url = positionals[0];
  if (!url) throw new Error('ckan migrate needs the portal’s address');
  const report = await ctx.harvest.migrateCkan({ url, apiKey: values['api-key'] ?? null });
  console.log(`Migrated from ${report.portal} (${report.requests} requests, ${report.files} files stored):`);
  for (const kind of ['organizations', 'groups', 'users', 'memberships', 'datasets'] as const) {
    const { created, updated, unchanged } = report[kind];
    const removed = kind === 'memberships' ? `, ${report.memberships.removed} removed` : '';
    console.log(` ${kind}: ${created} created, ${updated} updated, ${unchanged} unchanged${removed}`);
  }
  const { tables, saved, pending } = report.views;
  console.log(
    ` views: ${tables} table previews (come with each load), ${saved} charts and maps saved, ${pending} waiting for their table`,
  );
  if (report.withoutPassword > 0)
    console.log(
      ` ${report.withoutPassword} accounts have no password yet: \`quai user password-link --all\` prints a one-time link for each`,
    );
  for (const problem of report.problems)
    console.log(` not carried over: ${problem.kind} ${problem.id}: ${problem.reason}`);
  return report.problems.length === 0 ? 0 : 1;
}
