import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { JsonObject } from './json.js';
import { type MergeRules, mergeRulesOf } from './merge-rules.js';

/** The OCDS 1.1.5 schemas and codelists kept in ./standard (see its PROVENANCE.md). */
const directory = new URL('./standard/', import.meta.url);

export const OCDS_VERSION = '1.1';
export const SCHEMA_BASE = 'https://standard.open-contracting.org/schema/1__1__5/';

export type SchemaName =
  | 'release-schema'
  | 'release-package-schema'
  | 'record-package-schema'
  | 'versioned-release-validation-schema';

const schemas = new Map<SchemaName, JsonObject>();

export function ocdsSchema(name: SchemaName): JsonObject {
  let schema = schemas.get(name);
  if (!schema) {
    schema = JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8')) as JsonObject;
    schemas.set(name, schema);
  }
  return schema;
}

let releaseRules: MergeRules | undefined;

/** The merge rules of the OCDS 1.1.5 release schema. */
export function releaseMergeRules(): MergeRules {
  releaseRules ??= mergeRulesOf(ocdsSchema('release-schema'));
  return releaseRules;
}

let codelists: ReadonlyMap<string, ReadonlySet<string>> | undefined;

/** Codes of every codelist, by file name ("partyRole.csv" → {"buyer", …}). */
export function ocdsCodelists(): ReadonlyMap<string, ReadonlySet<string>> {
  codelists ??= new Map(
    readdirSync(new URL('codelists/', directory))
      .filter((file) => file.endsWith('.csv'))
      .map((file) => [file, codesOf(readFileSync(new URL(`codelists/${file}`, directory), 'utf8'))]),
  );
  return codelists;
}

function codesOf(csv: string): ReadonlySet<string> {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as { Code: string }[];
  return new Set(rows.map((row) => row.Code));
}
