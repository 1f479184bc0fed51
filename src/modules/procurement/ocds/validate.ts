import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { inspectFields } from './inspect-fields.js';
import type { JsonObject } from './json.js';
import { isObject } from './json.js';
import type { Issue, ValidationReport } from './report.js';
import { ocdsSchema, SCHEMA_BASE, type SchemaName } from './standard.js';

/**
 * Validation against the official OCDS 1.1.5 schemas (JSON Schema draft-04, formats checked,
 * `date-time` as RFC 3339 with a time and an offset), plus the Data Review Tool's checks that
 * JSON Schema cannot express: unique release ids per ocid, unique ocids per record package,
 * fields outside the schema, unknown codes in open codelists, deprecated fields.
 */

export type { Issue, ValidationReport } from './report.js';

type Kind = 'release' | 'releasePackage' | 'recordPackage';

const SCHEMA_OF: Record<Kind, SchemaName> = {
  release: 'release-schema',
  releasePackage: 'release-package-schema',
  recordPackage: 'record-package-schema',
};

/** RFC 3339 date-time: full date, time, optional fraction, Z or ±hh:mm. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export function isRfc3339(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  const offsetOk = match[9] === undefined || (Number(match[9]) <= 23 && Number(match[10]) <= 59);
  return (
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysInMonth &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    (second as number) <= 60 &&
    offsetOk
  );
}

let validators: Map<Kind, ValidateFunction> | undefined;

function validatorOf(kind: Kind): ValidateFunction {
  if (!validators) {
    // strict: false lets the OCDS keywords (codelist, omitWhenMerged…) through as annotations.
    const ajv = new Ajv04.default({ allErrors: true, strict: false, validateSchema: false });
    addFormats.default(ajv, ['uri', 'email']);
    ajv.addFormat('date-time', { type: 'string', validate: isRfc3339 });
    for (const name of [
      'release-schema',
      'versioned-release-validation-schema',
      'release-package-schema',
      'record-package-schema',
    ] as const) {
      const schema =
        name === 'versioned-release-validation-schema'
          ? versionLanguageVariants(ocdsSchema(name))
          : ocdsSchema(name);
      ajv.addSchema(schema, `${SCHEMA_BASE}${name}.json`);
    }
    validators = new Map(
      (Object.keys(SCHEMA_OF) as Kind[]).map((key) => {
        const validate = ajv.getSchema(`${SCHEMA_BASE}${SCHEMA_OF[key]}.json`);
        if (!validate) throw new Error(`OCDS schema ${SCHEMA_OF[key]} did not compile`);
        return [key, validate];
      }),
    );
  }
  return validators.get(kind) as ValidateFunction;
}

export function validateRelease(release: unknown): ValidationReport {
  const report = schemaReport('release', release);
  if (isObject(release)) report.warnings.push(...inspectFields(release, 'release', ''));
  return finish(report);
}

export function validateReleasePackage(pkg: unknown): ValidationReport {
  const report = schemaReport('releasePackage', pkg);
  const releases = isObject(pkg) && Array.isArray(pkg.releases) ? pkg.releases : [];
  const seen = new Set<string>();
  releases.forEach((release, index) => {
    if (!isObject(release)) return;
    const key = JSON.stringify([release.ocid, release.id]);
    if (seen.has(key)) {
      report.errors.push({
        pointer: `/releases/${index}/id`,
        message: `release id ${JSON.stringify(release.id)} is used twice for ocid ${JSON.stringify(release.ocid)}`,
      });
    }
    seen.add(key);
    report.warnings.push(...inspectFields(release, 'release', `/releases/${index}`));
  });
  return finish(report);
}

export function validateRecordPackage(pkg: unknown): ValidationReport {
  const report = schemaReport('recordPackage', pkg);
  const records = isObject(pkg) && Array.isArray(pkg.records) ? pkg.records : [];
  const seen = new Set<unknown>();
  records.forEach((record, index) => {
    if (!isObject(record)) return;
    if (seen.has(record.ocid)) {
      report.errors.push({
        pointer: `/records/${index}/ocid`,
        message: `ocid ${JSON.stringify(record.ocid)} has two records`,
      });
    }
    seen.add(record.ocid);
    if (isObject(record.compiledRelease)) {
      report.warnings.push(
        ...inspectFields(record.compiledRelease, 'release', `/records/${index}/compiledRelease`),
      );
    }
  });
  return finish(report);
}

function schemaReport(kind: Kind, document: unknown): ValidationReport {
  const validate = validatorOf(kind);
  validate(document);
  return { valid: true, errors: (validate.errors ?? []).map(issueOf), warnings: [] };
}

function issueOf(error: ErrorObject): Issue {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return { pointer: `${error.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
  }
  if (error.keyword === 'enum') {
    return {
      pointer: error.instancePath,
      message: `must be one of the codes of a closed codelist: ${(params.allowedValues as unknown[])
        .filter((value) => value !== null)
        .join(', ')}`,
    };
  }
  if (error.keyword === 'format') {
    const format = String(params.format);
    const hint =
      format === 'date-time' ? ' (RFC 3339 with a time and an offset, e.g. 2026-03-01T10:00:00-05:00)' : '';
    return { pointer: error.instancePath, message: `must be a valid ${format}${hint}` };
  }
  return { pointer: error.instancePath, message: error.message ?? error.keyword };
}

function finish(report: ValidationReport): ValidationReport {
  const seen = new Set<string>();
  report.errors = report.errors.filter((issue) => {
    const key = `${issue.pointer} ${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  report.valid = report.errors.length === 0;
  return report;
}

/**
 * The official versioned-release schema leaves language variants (`title_en`, matched by
 * patternProperties) as plain strings, although the merge rules version them like every other
 * value (ocds-merge does). We validate them as versioned values, as the merge rules define.
 */
function versionLanguageVariants(schema: JsonObject): JsonObject {
  const copy = structuredClone(schema);
  const definitions = isObject(copy.definitions) ? copy.definitions : {};
  for (const definition of Object.values(definitions)) {
    if (!isObject(definition) || !isObject(definition.patternProperties)) continue;
    for (const [pattern, value] of Object.entries(definition.patternProperties)) {
      definition.patternProperties[pattern] = {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            releaseDate: { type: 'string', format: 'date-time' },
            releaseID: { type: 'string' },
            releaseTag: { type: 'array', items: { type: 'string' } },
            value,
          },
        },
      };
    }
  }
  return copy;
}
