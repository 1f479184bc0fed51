import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Retirement, Snapshot, SourceEntity } from '../reference.types.js';
import { readCsvSource } from './source-file.js';

/**
 * How the columns of an upstream file become a set's entities: the code, the name, each declared
 * attribute. The presets below are documented in docs/reference-data.md; the exact column names
 * of the current MAMH and ISQ files could not be checked offline, so a mapping can also be given
 * as a JSON file (`--mapping mapping.json`) without changing the code.
 */
export interface StateMapping {
  code: string;
  name: string;
  nameEn?: string;
  attributes: Record<string, string>;
  /** Pad numeric codes to this width (a spreadsheet drops the leading zeros). */
  width?: number;
}

/** A transactions file (ISQ D002-style): one retirement per row. */
export interface TransactionsMapping {
  code: string;
  date: string;
  event: string;
  /** Successor codes, separated by spaces, commas or semicolons. */
  successors: string;
  reference?: string;
}

export const MAPPINGS: Record<string, StateMapping> = {
  /** MAMH, Répertoire des municipalités du Québec, municipalities file (MUN.csv). */
  mamh: {
    code: 'mcode',
    name: 'munnom',
    attributes: { type: 'mdes', mrc: 'mrc', region: 'regadm', division: 'cd' },
    width: 5,
  },
  /** ISQ, Fichiers du code géographique, D001 (current state), text export. */
  d001: {
    code: 'CODE_GEO',
    name: 'NOM_MUN',
    attributes: { type: 'STATUT', mrc: 'CODE_MRC', region: 'CODE_RA', division: 'CODE_DR' },
    width: 5,
  },
};

export const TRANSACTIONS: Record<string, TransactionsMapping> = {
  /** ISQ D002 (transactions since 1964), text export. */
  d002: {
    code: 'CODE_GEO',
    date: 'DATE_EFFET',
    event: 'TYPE_TRANSACTION',
    successors: 'CODE_GEO_RESULTANT',
    reference: 'REFERENCE',
  },
};

/** The event words of a transactions file, in French as the ISQ writes them, to our events. */
const EVENTS: [RegExp, Retirement['event']][] = [
  [/regroup|fusion/i, 'regroupement'],
  [/annex/i, 'annexion'],
  [/scission|division|d[ée]fusion|reconstitution/i, 'scission'],
  [/dissol|abolition|suppression/i, 'dissolution'],
];

function missingColumns(file: string, rows: Record<string, string>[], wanted: string[]): void {
  const header = Object.keys(rows[0] ?? {});
  const missing = wanted.filter((column) => !header.includes(column));
  if (missing.length > 0)
    throw new ValidationError([
      {
        path: file,
        code: 'columns',
        message: localized(
          `colonnes absentes : ${missing.join(', ')} (colonnes du fichier : ${header.join(', ')})`,
          `missing columns: ${missing.join(', ')} (the file's columns: ${header.join(', ')})`,
        ),
      },
    ]);
}

/** Reads a mapping: a preset's name, or a JSON file. */
export async function readMapping<T>(value: string, presets: Record<string, T>): Promise<T> {
  const preset = presets[value];
  if (preset) return preset;
  return JSON.parse(await readFile(value, 'utf8')) as T;
}

/**
 * A state file (and optionally a transactions file) as a snapshot of `set`: every row an
 * entity, every transaction row that ends a code a retirement.
 */
export async function snapshotFromCsv(input: {
  set: string;
  label: string;
  referenceDate: string;
  state: { file: string; mapping: StateMapping; url: string; licence: string };
  transactions?: { file: string; mapping: TransactionsMapping; url: string; licence: string };
}): Promise<Snapshot> {
  const { mapping } = input.state;
  const state = await readCsvSource(input.state.file, {
    name: input.state.file.split('/').pop() ?? 'state.csv',
    url: input.state.url,
    licence: input.state.licence,
  });
  missingColumns(input.state.file, state.rows, [
    mapping.code,
    mapping.name,
    ...Object.values(mapping.attributes),
  ]);
  const pad = (code: string) =>
    mapping.width && /^\d+$/.test(code) ? code.padStart(mapping.width, '0') : code;
  const entities: SourceEntity[] = state.rows.map((row) => ({
    code: pad((row[mapping.code] ?? '').trim()),
    name: (row[mapping.name] ?? '').trim(),
    nameEn: mapping.nameEn ? (row[mapping.nameEn] ?? '').trim() || null : null,
    attributes: Object.fromEntries(
      Object.entries(mapping.attributes).map(([name, column]) => [name, (row[column] ?? '').trim() || null]),
    ),
  }));
  const sources = [state.source];
  const retirements: Retirement[] = [];
  if (input.transactions) {
    const t = input.transactions.mapping;
    const read = await readCsvSource(input.transactions.file, {
      name: input.transactions.file.split('/').pop() ?? 'transactions.csv',
      url: input.transactions.url,
      licence: input.transactions.licence,
    });
    missingColumns(input.transactions.file, read.rows, [t.code, t.date, t.event, t.successors]);
    sources.push(read.source);
    const current = new Set(entities.map((e) => e.code));
    for (const row of read.rows) {
      const code = pad((row[t.code] ?? '').trim());
      const event = EVENTS.find(([pattern]) => pattern.test(row[t.event] ?? ''))?.[1];
      // Only the transactions that end a code no longer in the state file are retirements.
      if (!event || current.has(code)) continue;
      retirements.push({
        code,
        effective: (row[t.date] ?? '').trim().slice(0, 10),
        event,
        successors: (row[t.successors] ?? '')
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(pad),
        reference: t.reference ? (row[t.reference] ?? '').trim() || null : null,
      });
    }
  }
  return {
    set: input.set,
    label: input.label,
    referenceDate: input.referenceDate,
    fictitious: false,
    sources,
    entities,
    retirements,
  };
}
