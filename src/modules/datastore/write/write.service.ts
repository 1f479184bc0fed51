import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../platform/db/index.js';
import type { Jobs } from '../../../platform/jobs/index.js';
import { createKeyedQueue } from '../../../platform/keyed-queue.js';
import { isUuid } from '../../../platform/validation.js';
import type { Actor } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import { createDatastoreRepo } from '../datastore.repo.js';
import type { Column, ColumnType } from '../datastore.types.js';
import { DICTIONARY_CHANGED } from '../dictionary.service.js';
import { type ApiColumn, DUCK_TYPES, type WriteMaster } from './api-table.duckdb.js';
import { createOpenMasters } from './open-masters.js';
import {
  checkAliases,
  checkFieldId,
  duplicateKey,
  type FieldInput,
  firstLine,
  guessType,
  notFound,
  type Row,
  refuse,
  stage,
  TYPE_NAMES,
  type WriteMethod,
  withInfo,
} from './write-input.js';

export type { FieldInput, Row, WriteMethod } from './write-input.js';

/** The pattern of a version's segment files (relative to its directory). */
const SEGMENTS = '*.ids.parquet';

/**
 * Tables written through CKAN's DataStore API: each has a write master (DuckDB) and readers get
 * a Parquet file of it, published in one statement after each call — a batch is seen whole or not
 * at all. Writes to one table are applied one at a time.
 */
export function createWriteService(deps: { db: Db; catalog: CatalogService; root: string; jobs: Jobs }) {
  const repo = createDatastoreRepo(deps.db);
  // Writes to one table are applied one after the other (in this process).
  const queue = createKeyedQueue();
  const serially = <T>(resourceId: string, work: () => Promise<T>) => queue.run(resourceId, work);
  const masterFile = (resourceId: string) => path.join(deps.root, 'api', resourceId, 'master.duckdb');

  async function editable(actor: Actor, resourceId: string) {
    if (!isUuid(resourceId)) throw notFound(resourceId);
    const { dataset } = await deps.catalog.resources.get(actor, resourceId);
    await deps.catalog.datasets.editableRef(actor, dataset.id);
  }

  const masters = createOpenMasters({
    file: masterFile,
    later: (resourceId, work) => void serially(resourceId, work),
  });
  const withMaster = masters.use;
  const closeMaster = (resourceId: string) => masters.close(resourceId);

  /** Whether the resource's published table is one written through the API (its segments). */
  const isApiTable = (table: { file: string } | null) => table?.file.endsWith(SEGMENTS) ?? false;

  /**
   * Writes the records to the master in a transaction, exports the table and publishes the file;
   * the transaction commits only once readers have the file (a dry run rolls back).
   */
  async function apply(
    resourceId: string,
    master: WriteMaster,
    columns: Column[],
    change: () => Promise<void>,
    dryRun = false,
  ): Promise<void> {
    // Each version of the table is a directory of segments; readers get them all by one pattern.
    const version = path.join(path.dirname(masterFile(resourceId)), `v-${randomUUID()}`);
    const previous = await repo.table(resourceId);
    const previousDir = previous?.file.endsWith(SEGMENTS)
      ? path.dirname(path.join(deps.root, previous.file))
      : null;
    await master.begin();
    try {
      await change();
      if (dryRun) {
        await master.rollback();
        return;
      }
      await master.exportSegments(
        version,
        columns.map((column) => column.id),
        previousDir,
      );
      const replaced = await repo.publish({
        resourceId,
        loadId: randomUUID(),
        file: path.join(path.relative(deps.root, version), SEGMENTS),
        rowCount: await master.count(),
        columns,
        bbox: null,
      });
      await master.commit();
      if (replaced) await rm(path.dirname(path.join(deps.root, replaced)), { recursive: true, force: true });
    } catch (error) {
      await master.rollback().catch(() => undefined);
      await rm(version, { recursive: true, force: true });
      throw error;
    }
  }

  async function writeRecords(
    master: WriteMaster,
    resourceId: string,
    records: Row[],
    method: WriteMethod,
    columns: Column[],
    primaryKey: string[],
  ): Promise<void> {
    if (records.length === 0) return;
    const known = new Set(['_id', ...columns.map((column) => column.id)]);
    const staging = await stage(path.dirname(masterFile(resourceId)), records, known);
    try {
      const given = [...new Set(records.flatMap((record) => Object.keys(record)))];
      // Records that carry their `_id` change those rows (an `_id` is never chosen by a client).
      const key = method === 'insert' ? [] : given.includes('_id') ? ['_id'] : primaryKey;
      const applied: WriteMethod = key.includes('_id') ? 'update' : method;
      if (method !== 'insert' && key.length === 0) {
        refuse(
          'key',
          'La table n’a pas de clé primaire (primary_key)',
          'table does not have a unique key defined',
        );
      }
      for (const field of key) {
        records.forEach((record, index) => {
          if (record[field] === undefined || record[field] === null)
            refuse(
              `records.${index}.${field}`,
              `Valeur de clé manquante : ${field}`,
              `fields "${field}" are missing but needed as key`,
            );
        });
      }
      const apiColumns: ApiColumn[] = [
        ...(given.includes('_id') ? [{ id: '_id', type: 'integer' as ColumnType }] : []),
        ...columns
          .filter((column) => given.includes(column.id))
          .map((column) => ({ id: column.id, type: column.type })),
      ];
      const outcome = await master.write(applied, staging, apiColumns, key);
      if (outcome.badValue) {
        const { row, column, value } = outcome.badValue;
        refuse(
          `records.${row - 1}.${column}`,
          `« ${value} » n’est pas une valeur valide pour la colonne ${column}`,
          `invalid input syntax for the type of ${column}: "${value}"`,
        );
      }
      if (outcome.missing && outcome.missing.length > 0) {
        refuse(
          'key',
          `Clé introuvable : ${JSON.stringify(outcome.missing[0])}`,
          `key "${JSON.stringify(outcome.missing[0])}" not found`,
        );
      }
    } finally {
      await rm(staging, { force: true });
    }
  }

  return {
    /**
     * datastore_create: defines the table (or adds fields to it), sets its primary key and data
     * dictionary, and inserts the records given. A table loaded from the resource's file keeps its
     * rows: only its data dictionary can be set this way.
     */
    async create(
      actor: Actor,
      input: {
        resourceId: string;
        fields: FieldInput[] | null;
        primaryKey: string[] | null;
        records: Row[];
        aliases?: string[];
      },
    ): Promise<{ columns: Column[]; primaryKey: string[] }> {
      await editable(actor, input.resourceId);
      const aliases = input.aliases ?? [];
      await checkAliases(aliases, input.resourceId, (alias) => repo.aliasTarget(alias));
      const created = await serially(input.resourceId, async () => {
        const existing = await repo.table(input.resourceId);
        const fields = (input.fields ?? []).filter((field) => field.id !== '_id');
        for (const [index, field] of fields.entries()) checkFieldId(field.id, index);
        if (!existing) {
          // Whatever a former table left (its file replaced by a load, say) starts afresh.
          closeMaster(input.resourceId);
          await rm(path.dirname(masterFile(input.resourceId)), { recursive: true, force: true });
        }
        if (existing && !isApiTable(existing)) {
          if (input.records.length > 0) {
            refuse(
              'records',
              'Cette table vient du fichier de la ressource : téléversez un nouveau fichier pour changer ses lignes',
              "This table is loaded from the resource's file: upload a new file to change its rows",
            );
          }
          const columns = existing.columns.map((column) =>
            withInfo(
              column,
              fields.find((field) => field.id === column.id),
            ),
          );
          await repo.setColumns(input.resourceId, columns);
          return { columns, primaryKey: [] };
        }
        const previous = existing?.columns ?? [];
        const columns: Column[] = previous.map((column) =>
          withInfo(
            column,
            fields.find((field) => field.id === column.id),
          ),
        );
        for (const [index, field] of fields.entries()) {
          const kept = columns.find((column) => column.id === field.id);
          const type =
            field.type === null
              ? guessType(input.records[0]?.[field.id])
              : TYPE_NAMES[field.type.toLowerCase()];
          if (!type) {
            refuse(
              `fields.${index}.type`,
              `Type inconnu : ${field.type} (text, int, numeric, bool, date, timestamp, json)`,
              `invalid type "${field.type}" (text, int, numeric, bool, date, timestamp, json)`,
            );
          }
          if (kept && kept.type !== type) {
            refuse(
              `fields.${index}.type`,
              `Le type de ${field.id} ne peut pas changer`,
              `The type of ${field.id} cannot be changed`,
            );
          }
          if (!kept)
            columns.push(
              withInfo(
                { id: field.id, type, sourceType: DUCK_TYPES[type], label: null, description: null },
                field,
              ),
            );
        }
        if (columns.length === 0)
          refuse('fields', 'Au moins un champ est requis', 'fields: at least one field is required');
        return withMaster(input.resourceId, async (master) => {
          const primaryKey = input.primaryKey ?? (await master.primaryKey());
          for (const field of primaryKey) {
            if (!columns.some((column) => column.id === field))
              refuse(
                'primary_key',
                `Le champ ${field} de la clé n’existe pas`,
                `field "${field}" of the primary key is not in the table`,
              );
          }
          await apply(input.resourceId, master, columns, async () => {
            await master
              .define(
                columns.map((column) => ({ id: column.id, type: column.type })),
                primaryKey,
              )
              .catch((error: Error) => {
                refuse(
                  'primary_key',
                  `Clé primaire en double : ${firstLine(error)}`,
                  `duplicate key value: ${firstLine(error)}`,
                );
              });
            await master.setPrimaryKey(primaryKey);
            await writeRecords(master, input.resourceId, input.records, 'insert', columns, primaryKey).catch(
              duplicateKey,
            );
          });
          return { columns, primaryKey };
        });
      });
      if (aliases.length > 0) await repo.addAliases(input.resourceId, aliases);
      // datastore_create sets the table's data dictionary (its fields' info).
      await deps.jobs.publish(DICTIONARY_CHANGED, { resourceId: input.resourceId });
      return created;
    },

    /** datastore_upsert: inserts, updates or upserts records (by the primary key, or `_id`). */
    async upsert(
      actor: Actor,
      input: { resourceId: string; records: Row[]; method: WriteMethod; dryRun: boolean },
    ): Promise<void> {
      await editable(actor, input.resourceId);
      return serially(input.resourceId, async () => {
        const table = await requireApiTable(input.resourceId);
        await withMaster(input.resourceId, async (master) => {
          const primaryKey = await master.primaryKey();
          await apply(
            input.resourceId,
            master,
            table.columns,
            () =>
              writeRecords(
                master,
                input.resourceId,
                input.records,
                input.method,
                table.columns,
                primaryKey,
              ).catch(duplicateKey),
            input.dryRun,
          );
        });
      });
    },

    /**
     * datastore_delete with filters, datastore_records_delete: deletes the rows whose fields equal
     * the filters ({} deletes every row); the table stays.
     */
    async deleteRows(actor: Actor, resourceId: string, filters: Record<string, unknown>): Promise<number> {
      await editable(actor, resourceId);
      return serially(resourceId, async () => {
        const table = await requireApiTable(resourceId);
        const lists: Record<string, unknown[]> = {};
        for (const [field, value] of Object.entries(filters)) {
          if (field !== '_id' && !table.columns.some((column) => column.id === field))
            refuse(
              'filters',
              `Le champ « ${field} » n’existe pas dans la table`,
              `field "${field}" not in table`,
            );
          lists[field] = Array.isArray(value) ? value : [value];
        }
        return withMaster(resourceId, async (master) => {
          let deleted = 0;
          await apply(resourceId, master, table.columns, async () => {
            deleted = await master.deleteWhere(lists);
          });
          return deleted;
        });
      });
    },

    /** datastore_delete without filters: the table goes (its resource stays, no longer datastore_active). */
    async drop(actor: Actor, resourceId: string): Promise<void> {
      await editable(actor, resourceId);
      return serially(resourceId, async () => {
        const table = await repo.table(resourceId);
        if (!table) throw notFound(resourceId);
        const file = await repo.removeTable(resourceId);
        await repo.removeAliases(resourceId);
        if (file) await rm(path.join(deps.root, file), { force: true });
        closeMaster(resourceId);
        await rm(path.dirname(masterFile(resourceId)), { recursive: true, force: true });
      });
    },

    /** A resource id, or the resource an alias names. */
    resolve: async (reference: string): Promise<string> =>
      isUuid(reference) ? reference : ((await repo.aliasTarget(reference)) ?? reference),

    primaryKey: async (resourceId: string): Promise<string[]> => {
      if (!isApiTable(await repo.table(resourceId))) return [];
      return serially(resourceId, () => withMaster(resourceId, (master) => master.primaryKey()));
    },

    /** Closes the open masters once the writes under way are done (at shutdown). */
    async close(): Promise<void> {
      await queue.drain();
      masters.closeAll();
    },
  };

  async function requireApiTable(resourceId: string) {
    const table = await repo.table(resourceId);
    if (!table) throw notFound(resourceId);
    if (!isApiTable(table)) {
      refuse(
        'resource_id',
        'Cette table vient du fichier de la ressource : téléversez un nouveau fichier pour changer ses lignes',
        "This table is loaded from the resource's file: upload a new file to change its rows",
      );
    }
    return table;
  }
}

export type WriteService = ReturnType<typeof createWriteService>;
