import type { Db, Queryable } from '../../platform/db/index.js';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  ValidationError,
} from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { type Actor, isSysadmin } from '../accounts/index.js';
import { digestOf } from './canonical-json.js';
import { eventsToReleases } from './events/events-to-releases.js';
import { parseEvents } from './events/parse-events.js';
import type { JsonObject } from './ocds/json.js';
import type { Merger } from './ocds/merge.js';
import { readReleases } from './ocds/read-releases.js';
import { type Issue, validateRelease } from './ocds/validate.js';
import {
  type CompiledRecord,
  createProcurementRepo,
  type ReleaseRow,
  releaseKey,
} from './procurement.repo.js';
import { summarize } from './record-summary.js';

export interface ImportReport {
  received: number;
  added: number;
  /** Releases already published exactly so (a replayed import changes nothing). */
  unchanged: number;
  /** Records compiled again: only those of the processes the new releases belong to. */
  recompiled: number;
  /**
   * Schema findings on the new releases (accepted as they are; the report tells what to fix): the
   * first REPORT_LIMIT of each, with how many there are in all among the releases validated.
   */
  errors: Issue[];
  warnings: Issue[];
  errorCount: number;
  warningCount: number;
  /** How many of the new releases were validated (the first VALIDATED_LIMIT of a large import). */
  validated: number;
}

export const REPORT_LIMIT = 200;
const COMPILE_BATCH = 2000;
const VALIDATED_LIMIT = 5000;

/**
 * Imports releases (from OCDS files or from SEAO-style events) and compiles the touched
 * records, all in one transaction: an import is kept whole or not at all. Releases are
 * immutable: the same release again is skipped, a different one under a used id is refused.
 */
export function createImportService({
  db,
  merger,
  ocidPrefix,
  published = async () => {},
}: {
  db: Db;
  merger: Merger;
  ocidPrefix: string;
  /** Called after an import that added releases (the catalog's dataset lists the new files). */
  published?: () => Promise<void>;
}) {
  /** Stores and compiles releases for a caller already allowed to publish (checked once, first). */
  async function publish(releases: JsonObject[]): Promise<ImportReport> {
    const report = await storeAndCompile(releases);
    if (report.added > 0) await published();
    return report;
  }

  function storeAndCompile(releases: JsonObject[]): Promise<ImportReport> {
    return db.transaction(async (tx) => {
      const repo = createProcurementRepo(tx);
      const rows = uniqueRows(releases.map(rowOf));
      const existing = await repo.digestsOf(rows);
      const conflicts = rows.filter((row) => {
        const digest = existing.get(releaseKey(row.ocid, row.releaseId));
        return digest !== undefined && digest !== row.digest;
      });
      if (conflicts.length > 0) throw conflictError(conflicts);
      const fresh = rows.filter((row) => !existing.has(releaseKey(row.ocid, row.releaseId)));
      await repo.insertReleases(fresh);
      const touched = [...new Set(fresh.map((row) => row.ocid))];
      await compile(tx, touched);
      // The report covers the first releases of a large import: enough to tell what to fix.
      const reports = fresh
        .slice(0, VALIDATED_LIMIT)
        .map((row) => ({ row, report: validateRelease(JSON.parse(row.body)) }));
      const errors = reports.flatMap(({ row, report }) => report.errors.map((issue) => prefixed(row, issue)));
      const warnings = reports.flatMap(({ row, report }) =>
        report.warnings.map((issue) => prefixed(row, issue)),
      );
      return {
        received: releases.length,
        added: fresh.length,
        unchanged: rows.length - fresh.length,
        recompiled: touched.length,
        errors: errors.slice(0, REPORT_LIMIT),
        warnings: warnings.slice(0, REPORT_LIMIT),
        errorCount: errors.length,
        warningCount: warnings.length,
        validated: reports.length,
      };
    });
  }

  async function compile(tx: Queryable, ocids: readonly string[]): Promise<void> {
    const repo = createProcurementRepo(tx);
    for (let start = 0; start < ocids.length; start += COMPILE_BATCH) {
      const byOcid = await repo.releasesOf(ocids.slice(start, start + COMPILE_BATCH));
      const records: CompiledRecord[] = [...byOcid].map(([ocid, releases]) =>
        compiledRecord(merger, ocid, releases),
      );
      await repo.saveRecords(records);
    }
  }

  return {
    /** OCDS as others publish it: packages, arrays, single releases, JSON Lines. */
    async importOcds(actor: Actor, text: string): Promise<ImportReport> {
      mayPublish(actor);
      return publish(readReleases(text));
    },

    /** SEAO-style events (CSV or JSON, French column names) → one release per event. */
    async importEvents(actor: Actor, text: string, format: 'csv' | 'json'): Promise<ImportReport> {
      mayPublish(actor);
      const rows = parseEvents(text, format);
      const ocids = [...new Set(rows.map((row) => `${ocidPrefix}-${row.numeroseao?.trim() ?? ''}`))];
      const history = await createProcurementRepo(db).releasesOf(ocids);
      const { releases, issues } = eventsToReleases(rows, { ocidPrefix, history, merger });
      if (issues.length > 0) throw new ValidationError(capped(issues));
      return publish(releases);
    },

    /** Releases already read (the demo, the command line). */
    async importReleases(actor: Actor, releases: JsonObject[]): Promise<ImportReport> {
      mayPublish(actor);
      return publish(releases);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

/** Compiles one process's releases into the row stored for its record. */
export function compiledRecord(
  merger: Merger,
  ocid: string,
  releases: readonly JsonObject[],
): CompiledRecord {
  const compiled = merger.compiled(releases);
  const dates = releases.map((release) => Date.parse(String(release.date)));
  const tenderDates = releases
    .filter((release) => Array.isArray(release.tag) && release.tag.includes('tender'))
    .map((release) => Date.parse(String(release.date)));
  return {
    ocid,
    compiled,
    releaseCount: releases.length,
    releasedAt: new Date(Math.max(...dates)).toISOString(),
    openedAt: tenderDates.length > 0 ? new Date(Math.min(...tenderDates)).toISOString() : null,
    summary: summarize(compiled),
  };
}

function rowOf(release: JsonObject): ReleaseRow {
  const date = release.date as string;
  return {
    ocid: release.ocid as string,
    releaseId: release.id as string,
    date,
    releasedAt: new Date(date).toISOString(),
    tags: Array.isArray(release.tag)
      ? release.tag.map(String)
      : typeof release.tag === 'string'
        ? [release.tag]
        : [],
    body: JSON.stringify(release),
    digest: digestOf(release),
  };
}

/** The same release twice in one import counts once; two different ones under one id conflict. */
function uniqueRows(rows: ReleaseRow[]): ReleaseRow[] {
  const seen = new Map<string, ReleaseRow>();
  const conflicts: ReleaseRow[] = [];
  for (const row of rows) {
    const key = releaseKey(row.ocid, row.releaseId);
    const other = seen.get(key);
    if (other && other.digest !== row.digest) conflicts.push(row);
    if (!other) seen.set(key, row);
  }
  if (conflicts.length > 0) throw conflictError(conflicts);
  return [...seen.values()];
}

function conflictError(rows: ReleaseRow[]): ConflictError {
  const list = rows
    .slice(0, 20)
    .map((row) => `${row.ocid} / ${row.releaseId}`)
    .join(', ');
  return new ConflictError(
    localized(
      `Les instances (releases) sont immuables : ${rows.length} identifiant(s) déjà publié(s) avec un autre contenu (${list}). Publiez le changement sous un nouvel id.`,
      `Releases are immutable: ${rows.length} id(s) already published with different content (${list}). Publish the change under a new id.`,
    ),
  );
}

function prefixed(row: ReleaseRow, issue: Issue): Issue {
  return { pointer: `/${row.ocid}/${row.releaseId}${issue.pointer}`, message: issue.message };
}

function mayPublish(actor: Actor): void {
  if (!isSysadmin(actor)) {
    throw new ForbiddenError(
      localized(
        'Seuls les administrateurs du portail publient les marchés publics.',
        'Only portal administrators publish procurement data.',
      ),
    );
  }
}

/** The first REPORT_LIMIT issues, and one more that says how many were left out. */
function capped(issues: FieldIssue[]): FieldIssue[] {
  if (issues.length <= REPORT_LIMIT) return issues;
  const more = issues.length - REPORT_LIMIT;
  return [
    ...issues.slice(0, REPORT_LIMIT),
    {
      path: '',
      code: 'more',
      message: localized(
        `${more} autres problèmes non listés (${issues.length} en tout)`,
        `${more} more issues not listed (${issues.length} in all)`,
      ),
    },
  ];
}
