import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { FieldIssue } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';

/** The official profiles (standard/, PROVENANCE.md): Table Schema and Data Package, v1 and v2. */
const PROFILES = {
  v1: new URL('./standard/v1/table-schema.json', import.meta.url),
  v2: new URL('./standard/v2/tableschema.json', import.meta.url),
  'package-v1': new URL('./standard/v1/data-package.json', import.meta.url),
  'package-v2': new URL('./standard/v2/datapackage.json', import.meta.url),
} as const;
type Profile = keyof typeof PROFILES;

const compiled = new Map<Profile, ValidateFunction>();

function validatorOf(profile: Profile): ValidateFunction {
  let validate = compiled.get(profile);
  if (!validate) {
    const schema = JSON.parse(readFileSync(PROFILES[profile], 'utf8')) as { $schema?: string };
    // The profiles carry annotations of their own (propertyOrder, context…): not strict.
    const ajv = schema.$schema?.includes('draft-04')
      ? new Ajv04.default({ allErrors: true, strict: false, validateSchema: false })
      : new Ajv.default({ allErrors: true, strict: false, validateSchema: false });
    addFormats.default(ajv);
    ajv.addFormat('textarea', true);
    validate = ajv.compile(schema);
    compiled.set(profile, validate);
  }
  return validate;
}

/** The profile a descriptor declares (`$schema` naming the 2.0 profile), v1 otherwise. */
export function profileOf(descriptor: unknown): 'v1' | 'v2' {
  const declared = (descriptor as { $schema?: unknown })?.$schema;
  return typeof declared === 'string' && /\/2\.\d+\//.test(declared) ? 'v2' : 'v1';
}

const issue = (error: ErrorObject, what: string): FieldIssue => ({
  path: `descriptor${error.instancePath.replace(/\//g, '.')}`,
  code: error.keyword,
  message: localized(
    `non conforme au profil ${what} : ${error.message ?? error.keyword}`,
    `not valid against the ${what} profile: ${error.message ?? error.keyword}`,
  ),
});

/** A Data Package descriptor (its `resources`), rather than a Table Schema (its `fields`). */
export function isDataPackage(descriptor: unknown): boolean {
  return (
    typeof descriptor === 'object' &&
    descriptor !== null &&
    'resources' in descriptor &&
    !('fields' in descriptor)
  );
}

/** The issues of a descriptor against its official profile (none when it is valid). */
export function profileIssues(descriptor: unknown): FieldIssue[] {
  const table = profileOf(descriptor);
  const pkg = isDataPackage(descriptor);
  const validate = validatorOf(pkg ? (table === 'v2' ? 'package-v2' : 'package-v1') : table);
  const what = pkg ? 'Data Package' : 'Table Schema';
  if (validate(descriptor)) return [];
  // oneOf over the field types reports every branch: keep the deepest, most telling ones.
  const errors = (validate.errors ?? []).filter(
    (error) => error.keyword !== 'oneOf' && error.keyword !== 'if',
  );
  const seen = new Set<string>();
  return errors
    .map((error) => issue(error, what))
    .filter((item) => {
      const key = `${item.path} ${item.message.en}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 20);
}
