import type { JsonObject } from './json.js';
import { isObject } from './json.js';

/** Follows local references (`#/definitions/…`) from a schema node to the node they name. */
export function resolveRef(root: JsonObject, node: JsonObject, depth = 0): JsonObject {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  if (depth > 32 || !ref.startsWith('#/')) throw new Error(`Unsupported schema reference ${ref}`);
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = isObject(target) ? target[part] : undefined;
  if (!isObject(target)) throw new Error(`Schema reference ${ref} leads nowhere`);
  return resolveRef(root, target, depth + 1);
}

/** A schema node's `type` as a list. */
export function typesOf(field: JsonObject): string[] {
  const type = field.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}
