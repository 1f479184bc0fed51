import path from 'node:path';
import type { Db } from '../../../platform/db/index.js';
import type { Duck } from '../../../platform/duckdb/index.js';
import { type Localized, localized } from '../../../platform/i18n/index.js';
import type { Logger } from '../../../platform/log.js';
import type { Actor } from '../../accounts/index.js';
import type { ReferenceServices } from '../../reference/index.js';
import { createDatastoreRepo } from '../datastore.repo.js';
import type { DatastoreService } from '../datastore.service.js';
import { CHECK_KINDS, type CheckKind, type CheckSample, checkColumn } from './check.duckdb.js';
import { createReferenceChecksRepo } from './reference-checks.repo.js';

/** What each kind of finding means, and how serious it is. */
export const CHECK_MESSAGES: Record<CheckKind, { severity: 'error' | 'warning'; message: Localized }> = {
  unknown: {
    severity: 'error',
    message: localized('Codes inconnus du référentiel', 'Codes not in the reference set'),
  },
  retired: {
    severity: 'warning',
    message: localized(
      'Codes retirés à la date de la ligne : utilisez leurs successeurs',
      'Codes retired at the row’s date: use their successors',
    ),
  },
  not_yet_valid: {
    severity: 'warning',
    message: localized(
      'Codes pas encore en vigueur à la date de la ligne',
      'Codes not yet valid at the row’s date',
    ),
  },
  name_mismatch: {
    severity: 'warning',
    message: localized('Nom différent du nom officiel', 'Name differs from the official name'),
  },
};

export interface IntegrityReport {
  column: string;
  set: string;
  version: string;
  checkedAt: Date;
  rows: number;
  coded: number;
  findings: {
    kind: CheckKind;
    severity: 'error' | 'warning';
    message: Localized;
    count: number;
    samples: CheckSample[];
  }[];
}

/**
 * Integrity of columns bound to reference sets: checked after every load of the resource, when
 * the dictionary binds a column, and again for every bound column when the set publishes a new
 * version (a job). The last check of each column is kept; readers see it with the table.
 */
export function createReferenceChecksService(deps: {
  db: Db;
  duck: Duck;
  root: string;
  reference: ReferenceServices;
  tables: DatastoreService;
  log: Logger;
}) {
  const repo = createReferenceChecksRepo(deps.db);
  const tables = createDatastoreRepo(deps.db);

  async function checkResource(resourceId: string): Promise<void> {
    const table = await tables.table(resourceId);
    if (!table) return;
    const bound = table.columns.filter((column) => column.reference);
    await repo.keepOnly(
      resourceId,
      bound.map((column) => column.id),
    );
    for (const column of bound) {
      const binding = column.reference as NonNullable<typeof column.reference>;
      const source = await deps.reference.checkSource(binding.set);
      if (!source) continue;
      const result = await checkColumn(deps.duck, {
        table: path.join(deps.root, table.file),
        column: column.id,
        reference: source.file,
        width: source.width,
        asOfColumn: binding.asOfColumn,
        nameColumn: binding.nameColumn,
      });
      await repo.save({
        resourceId,
        column: column.id,
        set: binding.set,
        version: source.version.id,
        counts: { ...result.counts, rows: result.rows, coded: result.coded },
        samples: result.samples,
      });
    }
  }

  return {
    checkResource,

    /** Every resource with a column bound to `set`, checked again (a new version was published). */
    async recheckSet(set: string): Promise<number> {
      const resources = await repo.resourcesBoundTo(set);
      for (const resourceId of resources) await checkResource(resourceId);
      return resources.length;
    },

    /** The last checks of a resource's bound columns, for whoever may read its table. */
    async report(actor: Actor, resourceId: string): Promise<IntegrityReport[]> {
      await deps.tables.readableTable(actor, resourceId);
      const checks = await repo.ofResource(resourceId);
      return checks.map((check) => ({
        column: check.column,
        set: check.set,
        version: check.version,
        checkedAt: new Date(check.checkedAt),
        rows: check.counts.rows,
        coded: check.counts.coded,
        findings: CHECK_KINDS.filter((kind) => (check.counts[kind] ?? 0) > 0).map((kind) => ({
          kind,
          ...CHECK_MESSAGES[kind],
          count: check.counts[kind],
          samples: check.samples[kind] ?? [],
        })),
      }));
    },
  };
}

export type ReferenceChecksService = ReturnType<typeof createReferenceChecksService>;
