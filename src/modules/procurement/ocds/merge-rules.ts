import type { JsonObject } from './json.js';
import { isObject } from './json.js';
import { resolveRef, typesOf } from './schema-refs.js';

/**
 * How a field is merged, by its path in the release with array levels left out
 * ("awards/suppliers/additionalIdentifiers"). Fields absent from the map are merged by their
 * shape: objects field by field, arrays of objects by `id`, anything else replaced.
 */
export type MergeRule = 'omit' | 'wholeList';
export type MergeRules = ReadonlyMap<string, MergeRule>;

/** Derives the merge rules from a release schema (local `#/definitions/…` references followed). */
export function mergeRulesOf(schema: JsonObject): MergeRules {
  const rules = new Map<string, MergeRule>();
  const resolve = (node: JsonObject, _depth: number): JsonObject => resolveRef(schema, node);
  const walk = (properties: JsonObject, path: string, depth: number): void => {
    if (depth > 32) throw new Error(`Schema too deep at ${path}`);
    for (const [key, raw] of Object.entries(properties)) {
      if (!isObject(raw)) continue;
      const field = resolve(raw, 0);
      const fieldPath = path ? `${path}/${key}` : key;
      const types = typesOf(field);
      if (field.omitWhenMerged === true || field.mergeStrategy === 'ocdsOmit') {
        rules.set(fieldPath, 'omit');
      } else if (
        types.includes('array') &&
        (field.wholeListMerge === true || field.mergeStrategy === 'ocdsVersion')
      ) {
        rules.set(fieldPath, 'wholeList');
      } else if (types.includes('object') && isObject(field.properties)) {
        walk(field.properties, fieldPath, depth + 1);
      } else if (types.includes('array') && isObject(field.items)) {
        const items = resolve(field.items, 0);
        const itemTypes = typesOf(items);
        if (itemTypes.some((type) => type !== 'object')) {
          rules.set(fieldPath, 'wholeList');
        } else if (itemTypes.includes('object') && isObject(items.properties)) {
          if (!('id' in items.properties)) rules.set(fieldPath, 'wholeList');
          else walk(items.properties, fieldPath, depth + 1);
        }
      }
    }
  };
  if (isObject(schema.properties)) walk(schema.properties, '', 0);
  return rules;
}
