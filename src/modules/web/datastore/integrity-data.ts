import type { Column, DatastoreServices, Table } from '../../datastore/index.js';
import type { EntityView } from '../../reference/index.js';
import type { PageRequest, WebDeps } from '../shell/page-routes.js';

export type IntegrityReport = Awaited<ReturnType<DatastoreServices['checks']['report']>>[number];
export type IntegrityFinding = IntegrityReport['findings'][number];
export type ColumnBinding = NonNullable<Column['reference']>;

/** One bound column: its binding, the set it names, and its last check (null before the first). */
export interface IntegrityItem {
  column: Column;
  binding: ColumnBinding;
  report: IntegrityReport | null;
  /** The version checked against, as the reference pages name it. */
  version: { label: string; fictitious: boolean } | null;
}

export interface IntegrityModel {
  resourceId: string;
  items: IntegrityItem[];
  /** The entities the samples' successors name, by set then code (for "use 46027 (name)"). */
  successors: Map<string, Map<string, EntityView>>;
}

/** Errors first, then warnings; within each, the order of the report. */
export function bySeverity(findings: readonly IntegrityFinding[]): IntegrityFinding[] {
  return [...findings].sort((a, b) => rank(a) - rank(b));
}
const rank = (finding: IntegrityFinding) => (finding.severity === 'error' ? 0 : 1);

/**
 * The integrity of a table's columns bound to reference sets: each column's last check, the
 * version it used, and the names of the codes that replace retired ones. Null when no column
 * of the table is bound.
 */
export async function integrityModel(
  deps: WebDeps,
  page: PageRequest,
  table: Table,
): Promise<IntegrityModel | null> {
  const bound = table.columns.filter((column) => column.reference);
  if (bound.length === 0) return null;
  const reports = await deps.checks.report(page.actor, table.resourceId);
  const versionsOf = new Map<string, Promise<{ id: string; label: string; fictitious: boolean }[]>>();
  const versions = (set: string) => {
    let found = versionsOf.get(set);
    if (!found) {
      // A set the portal no longer declares has no versions: the report still shows its id.
      found = deps.reference.reference.versions(set).catch(() => []);
      versionsOf.set(set, found);
    }
    return found;
  };
  const items = await Promise.all(
    bound.map(async (column): Promise<IntegrityItem> => {
      const binding = column.reference as ColumnBinding;
      const report = reports.find((entry) => entry.column === column.id) ?? null;
      const set = report?.set ?? binding.set;
      const version = report
        ? ((await versions(set)).find((entry) => entry.id === report.version) ?? {
            label: report.version.slice(report.version.indexOf('@') + 1),
            fictitious: false,
          })
        : null;
      return {
        column,
        binding,
        report,
        version: version ? { label: version.label, fictitious: version.fictitious } : null,
      };
    }),
  );
  return { resourceId: table.resourceId, items, successors: await successorEntities(deps, items) };
}

async function successorEntities(
  deps: WebDeps,
  items: IntegrityItem[],
): Promise<Map<string, Map<string, EntityView>>> {
  const wanted = new Map<string, Set<string>>();
  for (const { report } of items) {
    if (!report) continue;
    const codes = wanted.get(report.set) ?? new Set<string>();
    for (const finding of report.findings)
      for (const sample of finding.samples) for (const code of sample.successors) codes.add(code);
    wanted.set(report.set, codes);
  }
  const found = new Map<string, Map<string, EntityView>>();
  for (const [set, codes] of wanted) {
    const entities = new Map<string, EntityView>();
    await Promise.all(
      [...codes].map(async (code) => {
        // The set's index is in memory: one lookup per successor, and a code it lost is shown bare.
        const entity = await deps.reference.reference
          .entity(set, code)
          .then((answer) => answer.entity)
          .catch(() => null);
        if (entity) entities.set(code, entity);
      }),
    );
    found.set(set, entities);
  }
  return found;
}
