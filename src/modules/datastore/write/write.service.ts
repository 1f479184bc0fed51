import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Db } from '../../../platform/db/index.js';
import { type FieldIssue, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Actor } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import { createDatastoreRepo } from '../datastore.repo.js';
import type { Column, ColumnType } from '../datastore.types.js';
import { type ApiColumn, DUCK_TYPES, WriteMaster } from './api-table.duckdb.js';

/** A field of datastore_create: its id, CKAN type name and data dictionary entry. */
export interface FieldInput {
  id: string;
  type: string | null;
  info: { label?: string; notes?: string; label_en?: string; notes_en?: string } | null;
}

export type WriteMethod = 'insert' | 'upsert' | 'update';
export type Row = Record<string, unknown>;

/** The most records one call may carry (CKAN has no bound; send more in several calls). */
export const RECORDS_PER_CALL = 100_000;

/** CKAN's (PostgreSQL's) type names → the datastore's types. */
const TYPE_NAMES: Record<string, ColumnType> = {
  text: 'text',
  varchar: 'text',
  int: 'integer',
  int4: 'integer',
  int8: 'integer',
  int2: 'integer',
  integer: 'integer',
  bigint: 'integer',
  smallint: 'integer',
  numeric: 'decimal',
  decimal: 'decimal',
  float: 'decimal',
  float4: 'decimal',
  float8: 'decimal',
  real: 'decimal',
  'double precision': 'decimal',
  bool: 'boolean',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  json: 'json',
  jsonb: 'json',
};

const issue = (field: string, fr: string, en: string): FieldIssue => ({
  path: field,
  code: 'invalid',
  message: localized(fr, en),
});

function refuse(field: string, fr: string, en: string): never {
  throw new ValidationError([issue(field, fr, en)]);
}

/** The type CKAN guesses from a first value when a field comes without one. */
function guessType(value: unknown): ColumnType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  if (typeof value === 'boolean') return 'boolean';
  if (value !== null && typeof value === 'object') return 'json';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value))
    return value.length > 10 ? 'timestamp' : 'date';
  return 'text';
}

/** Field ids as CKAN allows them: not empty, no leading underscore, no double quote, 63 characters at most. */
function checkFieldId(id: string, index: number): void {
  if (id === '' || id.startsWith('_') || id.includes('"') || id.length > 63 || id !== id.trim()) {
    refuse(
      `fields.${index}.id`,
      `« ${id} » n’est pas un nom de champ valide (pas de _ au début, pas de ", 63 caractères au plus)`,
      `"${id}" is not a valid field name`,
    );
  }
}

/**
 * Tables written through CKAN's DataStore API: each has a write master (DuckDB) and readers get
 * a Parquet file of it, published in one statement after each call — a batch is seen whole or not
 * at all. Writes to one table are applied one at a time.
 */
export function createWriteService(deps: { db: Db; catalog: CatalogService; root: string }) {
  const repo = createDatastoreRepo(deps.db);
  const queues = new Map<string, Promise<unknown>>();
  const masterFile = (resourceId: string) => path.join(deps.root, 'api', resourceId, 'master.duckdb');

  /** Runs writes to one table one after the other (in this process). */
  function serially<T>(resourceId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(resourceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(resourceId, next);
    next
      .finally(() => {
        if (queues.get(resourceId) === next) queues.delete(resourceId);
      })
      .catch(() => undefined);
    return next;
  }

  async function editable(actor: Actor, resourceId: string) {
    const { dataset } = await deps.catalog.resources.get(actor, resourceId);
    await deps.catalog.datasets.editableRef(actor, dataset.id);
  }

  const hasMaster = (resourceId: string) =>
    access(masterFile(resourceId)).then(
      () => true,
      () => false,
    );

  async function readPrimaryKey(master: WriteMaster): Promise<string[]> {
    await master.connection.run('CREATE TABLE IF NOT EXISTS quai_meta (primary_key VARCHAR)');
    const reader = await master.connection.runAndReadAll('SELECT primary_key FROM quai_meta');
    const text = reader.getRows()[0]?.[0];
    return text ? (JSON.parse(String(text)) as string[]) : [];
  }

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
    const dir = path.dirname(masterFile(resourceId));
    const fileName = `${randomUUID()}.ids.parquet`;
    const target = path.join(dir, fileName);
    await master.connection.run('BEGIN TRANSACTION');
    try {
      await change();
      if (dryRun) {
        await master.connection.run('ROLLBACK');
        return;
      }
      await master.export(
        target,
        columns.map((column) => column.id),
      );
      const replaced = await repo.publish({
        resourceId,
        loadId: randomUUID(),
        file: path.relative(deps.root, target),
        rowCount: await master.count(),
        columns,
        bbox: null,
      });
      await master.connection.run('COMMIT');
      if (replaced) await rm(path.join(deps.root, replaced), { force: true });
    } catch (error) {
      await master.connection.run('ROLLBACK').catch(() => undefined);
      await rm(target, { force: true });
      throw error;
    }
  }

  /** Records → a staging file of JSON lines, checked against the table's fields. */
  async function stage(resourceId: string, records: Row[], known: ReadonlySet<string>): Promise<string> {
    if (records.length > RECORDS_PER_CALL) {
      refuse(
        'records',
        `${RECORDS_PER_CALL} enregistrements au plus par appel : envoyez-les en plusieurs fois`,
        `At most ${RECORDS_PER_CALL} records per call: send them in several calls`,
      );
    }
    records.forEach((record, index) => {
      if (record === null || typeof record !== 'object' || Array.isArray(record))
        refuse(`records.${index}`, 'Un enregistrement est un dictionnaire', 'A record must be a dict');
      for (const field of Object.keys(record)) {
        if (!known.has(field))
          refuse(
            'fields',
            `Le champ « ${field} » n’existe pas dans la table`,
            `field "${field}" not in table`,
          );
      }
    });
    const file = path.join(path.dirname(masterFile(resourceId)), `staging-${randomUUID()}.jsonl`);
    await mkdir(path.dirname(file), { recursive: true });
    const out = createWriteStream(file);
    for (const record of records) {
      if (!out.write(`${JSON.stringify(record)}\n`))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    out.end();
    await finished(out);
    return file;
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
    const staging = await stage(resourceId, records, known);
    try {
      const given = [...new Set(records.flatMap((record) => Object.keys(record)))];
      const key =
        method === 'insert' ? [] : primaryKey.length > 0 ? primaryKey : given.includes('_id') ? ['_id'] : [];
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
      const outcome = await master.write(method, staging, apiColumns, key);
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
      input: { resourceId: string; fields: FieldInput[] | null; primaryKey: string[] | null; records: Row[] },
    ): Promise<{ columns: Column[]; primaryKey: string[] }> {
      await editable(actor, input.resourceId);
      return serially(input.resourceId, async () => {
        const existing = await repo.table(input.resourceId);
        const fields = (input.fields ?? []).filter((field) => field.id !== '_id');
        for (const [index, field] of fields.entries()) checkFieldId(field.id, index);
        if (existing && !(await hasMaster(input.resourceId))) {
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
        const master = await WriteMaster.open(masterFile(input.resourceId));
        try {
          const primaryKey = input.primaryKey ?? (await readPrimaryKey(master));
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
            await master.connection.run('CREATE TABLE IF NOT EXISTS quai_meta (primary_key VARCHAR)');
            await master.connection.run('DELETE FROM quai_meta');
            await master.connection.run('INSERT INTO quai_meta VALUES ($1)', [JSON.stringify(primaryKey)]);
            await writeRecords(master, input.resourceId, input.records, 'insert', columns, primaryKey).catch(
              duplicateKey,
            );
          });
          return { columns, primaryKey };
        } finally {
          master.close();
        }
      });
    },

    /** datastore_upsert: inserts, updates or upserts records (by the primary key, or `_id`). */
    async upsert(
      actor: Actor,
      input: { resourceId: string; records: Row[]; method: WriteMethod; dryRun: boolean },
    ): Promise<void> {
      await editable(actor, input.resourceId);
      return serially(input.resourceId, async () => {
        const table = await requireApiTable(input.resourceId);
        const master = await WriteMaster.open(masterFile(input.resourceId));
        try {
          const primaryKey = await readPrimaryKey(master);
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
        } finally {
          master.close();
        }
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
        const master = await WriteMaster.open(masterFile(resourceId));
        try {
          let deleted = 0;
          await apply(resourceId, master, table.columns, async () => {
            deleted = await master.deleteWhere(lists);
          });
          return deleted;
        } finally {
          master.close();
        }
      });
    },

    /** datastore_delete without filters: the table goes (its resource stays, no longer datastore_active). */
    async drop(actor: Actor, resourceId: string): Promise<void> {
      await editable(actor, resourceId);
      return serially(resourceId, async () => {
        const table = await repo.table(resourceId);
        if (!table) throw notFound(resourceId);
        const file = await repo.removeTable(resourceId);
        if (file) await rm(path.join(deps.root, file), { force: true });
        await rm(path.dirname(masterFile(resourceId)), { recursive: true, force: true });
      });
    },

    primaryKey: async (resourceId: string): Promise<string[]> => {
      if (!(await hasMaster(resourceId))) return [];
      return serially(resourceId, async () => {
        const master = await WriteMaster.open(masterFile(resourceId));
        try {
          return await readPrimaryKey(master);
        } finally {
          master.close();
        }
      });
    },
  };

  async function requireApiTable(resourceId: string) {
    const table = await repo.table(resourceId);
    if (!table) throw notFound(resourceId);
    if (!(await hasMaster(resourceId))) {
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

function notFound(resourceId: string): NotFoundError {
  return new NotFoundError(
    'datastore table',
    resourceId,
    localized(
      'Les données de cette ressource ne sont pas interrogeables.',
      `Resource "${resourceId}" was not found.`,
    ),
  );
}

function firstLine(error: Error): string {
  return (error.message.split('\n')[0] ?? '').slice(0, 200);
}

/** DuckDB's unique-index violation → CKAN's ValidationError on the key. */
function duplicateKey(error: unknown): never {
  if (error instanceof Error && /duplicate key|violates (primary|unique)/i.test(error.message)) {
    refuse(
      'records',
      `Clé en double : ${firstLine(error)}`,
      `duplicate key value violates unique constraint: ${firstLine(error)}`,
    );
  }
  throw error;
}

function withInfo(column: Column, field: FieldInput | undefined): Column {
  if (!field?.info) return column;
  const { label, notes, label_en: labelEn, notes_en: notesEn } = field.info;
  return {
    ...column,
    label: label || labelEn ? { fr: label ?? '', en: labelEn ?? label ?? '' } : column.label,
    description: notes || notesEn ? { fr: notes ?? '', en: notesEn ?? notes ?? '' } : column.description,
  };
}
