import type { Json, JsonObject } from './json.js';
import { isObject } from './json.js';
import type { Issue } from './report.js';
import { resolveRef, typesOf } from './schema-refs.js';
import { ocdsCodelists, ocdsSchema } from './standard.js';

/**
 * Walks a release beside the release schema and warns about what JSON Schema lets through:
 * fields the schema does not define (they need an extension), codes missing from open
 * codelists, and deprecated fields.
 */
export function inspectFields(release: JsonObject, _kind: 'release', pointer: string): Issue[] {
  const root = ocdsSchema('release-schema');
  const issues: Issue[] = [];
  walk(root, root, release, pointer, issues);
  return issues;
}

const patternCache = new Map<string, RegExp>();

function walk(root: JsonObject, schemaNode: JsonObject, value: Json, pointer: string, issues: Issue[]): void {
  const schema = resolveRef(root, schemaNode);
  if (schema.deprecated && value !== null) {
    issues.push({ pointer, message: 'is deprecated in OCDS 1.1' });
  }
  checkCodes(schema, value, pointer, issues);
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const patterns = isObject(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
    for (const [key, child] of Object.entries(value)) {
      const childPointer = `${pointer}/${escapePointer(key)}`;
      const defined = properties[key];
      if (isObject(defined)) {
        walk(root, defined, child, childPointer, issues);
        continue;
      }
      const pattern = patterns.find(([source]) => patternOf(source).test(key));
      if (pattern && isObject(pattern[1])) walk(root, pattern[1], child, childPointer, issues);
      else if (typesOf(schema).includes('object') || isObject(schema.properties)) {
        issues.push({
          pointer: childPointer,
          message: 'is not defined in the OCDS schema (additional field)',
        });
      }
    }
  } else if (Array.isArray(value) && isObject(schema.items)) {
    value.forEach((item, index) => {
      walk(root, schema.items as JsonObject, item, `${pointer}/${index}`, issues);
    });
  }
}

function checkCodes(schema: JsonObject, value: Json, pointer: string, issues: Issue[]): void {
  if (typeof schema.codelist !== 'string' || schema.openCodelist !== true) return;
  const codes = ocdsCodelists().get(schema.codelist);
  if (!codes) return;
  const values = Array.isArray(value) ? value : [value];
  values.forEach((code, index) => {
    if (typeof code === 'string' && !codes.has(code)) {
      issues.push({
        pointer: Array.isArray(value) ? `${pointer}/${index}` : pointer,
        message: `"${code}" is not in the open codelist ${schema.codelist}`,
      });
    }
  });
}

function patternOf(source: string): RegExp {
  let pattern = patternCache.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'u');
    patternCache.set(source, pattern);
  }
  return pattern;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
