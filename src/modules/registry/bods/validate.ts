import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SCHEMAS = ['components', 'entity-record', 'person-record', 'relationship-record', 'statement'];
/**
 * The schemas name each other `urn:statement`, `urn:entity`…: URNs without a namespace, which
 * Ajv's URI library refuses. They are read under this base instead (same schemas, same refs).
 */
const BASE = 'https://bods.invalid/0.4/';

let validator: ValidateFunction | undefined;

/** The official BODS 0.4 schema (JSON Schema 2020-12): an array of statements. */
function statementsValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    for (const name of SCHEMAS) {
      const text = readFileSync(new URL(`./schema/${name}.json`, import.meta.url), 'utf8');
      ajv.addSchema(JSON.parse(text.replace(/"(\$id|\$ref)": "urn:([a-z]+)/g, `"$1": "${BASE}$2`)));
    }
    validator = ajv.getSchema(`${BASE}statement`) as ValidateFunction;
  }
  return validator;
}

/** Errors of a BODS document (JSON pointer and message); empty when it is valid. */
export function validateBods(statements: unknown): { pointer: string; message: string }[] {
  const validate = statementsValidator();
  if (validate(statements)) return [];
  return (validate.errors ?? []).map((error) => ({
    pointer: error.instancePath || '/',
    message: error.message ?? error.keyword,
  }));
}
