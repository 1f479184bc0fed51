import type { Db } from '../../platform/db/index.js';
import { IssueCollector } from '../../platform/http/errors.js';
import { type Localized, localized } from '../../platform/i18n/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Actor } from '../accounts/index.js';
import { createDatastoreRepo } from './datastore.repo.js';
import type { DatastoreService } from './datastore.service.js';
import type { Column, ColumnReference, ColumnType } from './datastore.types.js';
import { chosenTypes, type IngestService } from './ingest.service.js';

/** Published after a table's dictionary (labels, descriptions, bindings) is saved, with `{ resourceId }`. */
export const DICTIONARY_CHANGED = 'datastore.dictionary-changed';

export const COLUMN_TYPES: ColumnType[] = [
  'text',
  'integer',
  'decimal',
  'boolean',
  'date',
  'timestamp',
  'json',
];

/** One column of the dictionary as a publisher edits it; `type: "auto"` keeps the guessed type. */
export interface DictionaryEntry {
  id: string;
  label: Partial<Localized>;
  description: Partial<Localized>;
  type: ColumnType | 'auto';
  /** Binds the column to a reference set (null unbinds it; absent keeps what it was). */
  reference?: ColumnReference | null;
}

/**
 * The data dictionary: labels and descriptions of a table's columns, in French and English,
 * and the types publishers choose when the guess is wrong. New labels show at once; a new type
 * loads the file again, and the table in use stays until that load succeeds.
 */
export function createDictionaryService(deps: {
  db: Db;
  datastore: DatastoreService;
  ingest: IngestService;
  /** The reference sets a column may be bound to, and the check run when a binding changes. */
  referenceSets: (set: string) => boolean;
  checks: { checkResource(resourceId: string): Promise<void> };
  jobs: Jobs;
}) {
  const repo = createDatastoreRepo(deps.db);

  return {
    async update(
      actor: Actor,
      resourceId: string,
      entries: DictionaryEntry[],
    ): Promise<{ columns: Column[]; reloading: string | null }> {
      const table = await deps.datastore.editableTable(actor, resourceId);
      const issues = new IssueCollector();
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      entries.forEach((entry, index) => {
        if (!table.columns.some((column) => column.id === entry.id))
          issues.add(
            `columns.${index}.id`,
            'unknown',
            localized(`colonne inconnue : ${entry.id}`, `unknown column: ${entry.id}`),
          );
        if (entry.type !== 'auto' && !COLUMN_TYPES.includes(entry.type))
          issues.add(
            `columns.${index}.type`,
            'invalid',
            localized(`type : auto, ${COLUMN_TYPES.join(', ')}`, `type: auto, ${COLUMN_TYPES.join(', ')}`),
          );
        const binding = entry.reference;
        if (binding) {
          if (!deps.referenceSets(binding.set))
            issues.add(
              `columns.${index}.reference.set`,
              'unknown',
              localized(`jeu de référence inconnu : ${binding.set}`, `unknown reference set: ${binding.set}`),
            );
          for (const [key, column] of [
            ['as_of_column', binding.asOfColumn],
            ['name_column', binding.nameColumn],
          ] as const)
            if (column && !table.columns.some((c) => c.id === column))
              issues.add(
                `columns.${index}.reference.${key}`,
                'unknown',
                localized(`colonne inconnue : ${column}`, `unknown column: ${column}`),
              );
        }
        for (const locale of ['fr', 'en'] as const) {
          if ((entry.label?.[locale] ?? '').length > 200)
            issues.add(
              `columns.${index}.label.${locale}`,
              'too_long',
              localized('200 caractères au plus', '200 characters at most'),
            );
          if ((entry.description?.[locale] ?? '').length > 2000)
            issues.add(
              `columns.${index}.description.${locale}`,
              'too_long',
              localized('2 000 caractères au plus', '2,000 characters at most'),
            );
        }
      });
      issues.throwIfAny();
      const columns = table.columns.map((column): Column => {
        const entry = byId.get(column.id);
        if (!entry) return column;
        const reference = entry.reference === undefined ? column.reference : entry.reference;
        return {
          ...column,
          label: text(entry.label),
          description: text(entry.description),
          reference: reference ?? null,
        };
      });
      await repo.setColumns(resourceId, columns);
      await deps.jobs.publish(DICTIONARY_CHANGED, { resourceId });
      const bindings = (list: Column[]) => JSON.stringify(list.map((column) => column.reference ?? null));
      if (bindings(columns) !== bindings(table.columns)) await deps.checks.checkResource(resourceId);
      const wanted: Record<string, ColumnType> = {};
      for (const column of table.columns) {
        const type = byId.get(column.id)?.type ?? column.typeOverride ?? 'auto';
        if (type !== 'auto') wanted[column.id] = type;
      }
      const current = chosenTypes(table.columns);
      const same =
        Object.keys(wanted).length === Object.keys(current).length &&
        Object.entries(wanted).every(([column, type]) => current[column] === type);
      const reloading = same ? null : await deps.ingest.reload(resourceId, wanted);
      return { columns, reloading };
    },
  };
}

export type DictionaryService = ReturnType<typeof createDictionaryService>;

function text(value: Partial<Localized> | undefined): Localized | null {
  const fr = value?.fr?.trim() ?? '';
  const en = value?.en?.trim() ?? '';
  return fr || en ? { fr, en } : null;
}
