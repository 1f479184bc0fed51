/**
 * package_revise's dict operations (CKAN 2.9+): `match` checks values of the current dataset,
 * `filter` removes fields by glob patterns, `update` merges values in, and "string keys" such as
 * `resources__1f9ab__description` or `resources__-1` reach into lists by index (negative from
 * the end) or by an id prefix of at least 5 characters; `__extend` appends to a list.
 */

type Json = unknown;
type Path = (string | number)[];
type JsonObject = Record<string, Json>;

/** A path that does not resolve, or values of the wrong type: CKAN's DataError. */
export class ReviseError extends Error {}

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const pathText = (path: Path) => path.map(String).join('__');

/** Paths of the values in `select` that differ from `data`. */
export function unmatchedPaths(data: Json, select: Json, path: Path = []): Path[] {
  if (isObject(select)) {
    if (!isObject(data)) return [path];
    return Object.entries(select).flatMap(([key, value]) =>
      key in data ? unmatchedPaths(data[key], value, [...path, key]) : [[...path, key]],
    );
  }
  if (Array.isArray(select)) {
    if (!Array.isArray(data)) return [path];
    return select.flatMap((value, index) =>
      index >= data.length ? [[...path, index]] : unmatchedPaths(data[index], value, [...path, index]),
    );
  }
  return JSON.stringify(data) === JSON.stringify(select) ? [] : [path];
}

/** Follows a string key ("resources__1f9ab__name") to its value; throws ReviseError if it does not resolve. */
export function resolveKey(data: Json, key: string): { value: Json; path: Path } {
  const path: Path = [];
  let current = data;
  for (const part of key.split('__')) {
    const fail = () => new ReviseError(`Unmatched key ${pathText([...path, part])}`);
    if (isObject(current)) {
      if (!(part in current)) throw fail();
      path.push(part);
      current = current[part];
      continue;
    }
    if (!Array.isArray(current)) throw fail();
    if (part.length >= 5) {
      const index = current.findIndex((item) => {
        if (!isObject(item) || typeof item.id !== 'string') throw fail();
        return item.id.startsWith(part);
      });
      if (index < 0) throw fail();
      path.push(index);
      current = current[index];
      continue;
    }
    const index = /^-?\d+$/.test(part) ? Number(part) : Number.NaN;
    if (!(index >= -current.length && index < current.length)) throw fail();
    const absolute = index < 0 ? current.length + index : index;
    path.push(absolute);
    current = current[absolute];
  }
  return { value: current, path };
}

/** The paths of `match__…` string keys whose values differ. */
export function unmatchedKey(data: Json, key: string, value: Json): Path[] {
  const { value: current, path } = resolveKey(data, key);
  if (isObject(value) || Array.isArray(value)) return unmatchedPaths(current, value, path);
  return JSON.stringify(current) === JSON.stringify(value) ? [] : [path];
}

/** Removes fields matching the glob patterns in place ("-resources__1", "+title", "-*"); the first "+" wins. */
export function filterGlobs(data: Json, patterns: string[]): void {
  filterParsed(
    data,
    patterns.map((pattern) => ({
      keep: pattern.startsWith('+'),
      parts: pattern.replace(/^[-+]+/, '').split('__'),
    })),
  );
}

function filterParsed(data: Json, globs: { keep: boolean; parts: string[] }[]): void {
  if (isObject(data)) {
    const protectedValues: JsonObject = {};
    const children = new Map<string, { keep: boolean; parts: string[] }[]>();
    for (const { keep, parts } of globs) {
      const [head, ...rest] = parts as [string, ...string[]];
      if (head === '*') {
        if (keep) Object.assign(protectedValues, data);
        else for (const key of Object.keys(data)) delete data[key];
        continue;
      }
      if (!(head in data)) continue;
      if (rest.length > 0) children.set(head, [...(children.get(head) ?? []), { keep, parts: rest }]);
      else if (keep) protectedValues[head] = data[head];
      else delete data[head];
    }
    Object.assign(data, protectedValues);
    for (const [head, childGlobs] of children) if (head in data) filterParsed(data[head], childGlobs);
    return;
  }
  if (!Array.isArray(data)) return;
  const kept = new Set<number>();
  const removed = new Set<number>();
  const children = new Map<number, { keep: boolean; parts: string[] }[]>();
  for (const { keep, parts } of globs) {
    const [head, ...rest] = parts as [string, ...string[]];
    if (head === '*') {
      for (let index = 0; index < data.length; index++) {
        if (keep && !removed.has(index)) kept.add(index);
        if (!keep && !kept.has(index)) removed.add(index);
      }
      continue;
    }
    let index: number;
    try {
      index = resolveKey(data, head).path[0] as number;
    } catch (error) {
      if (error instanceof ReviseError) continue;
      throw error;
    }
    if (rest.length > 0) children.set(index, [...(children.get(index) ?? []), { keep, parts: rest }]);
    else if (keep && !removed.has(index)) kept.add(index);
    else if (!keep && !kept.has(index)) removed.add(index);
  }
  for (const [index, childGlobs] of children) {
    if (!removed.has(index) || kept.has(index)) filterParsed(data[index], childGlobs);
  }
  const dropped = new Set([...removed].filter((index) => !kept.has(index)));
  const remaining = data.filter((_, index) => !dropped.has(index));
  data.splice(0, data.length, ...remaining);
}

/** Merges `update` into `data` in place: objects key by key, lists item by item (longer lists append). */
export function mergeObject(data: JsonObject, update: Json, path: Path = []): void {
  if (!isObject(update)) throw new ReviseError(`Expected dict for ${pathText(path)}`);
  for (const [key, value] of Object.entries(update)) {
    const current = data[key];
    if (!(key in data)) data[key] = value;
    else if (isObject(current)) mergeObject(current, value, [...path, key]);
    else if (Array.isArray(current)) mergeList(current, value, [...path, key]);
    else data[key] = value;
  }
}

function mergeList(data: Json[], update: Json, path: Path): void {
  if (!Array.isArray(update)) throw new ReviseError(`Expected list for ${pathText(path)}`);
  update.forEach((value, index) => {
    const current = data[index];
    if (index >= data.length) data.push(value);
    else if (isObject(current)) mergeObject(current, value, [...path, index]);
    else if (Array.isArray(current)) mergeList(current, value, [...path, index]);
    else data[index] = value;
  });
}

/** Applies one `update__…` string key: merges into the value it names, or appends with `__extend`. */
export function mergeKey(data: JsonObject, key: string, value: Json): void {
  const parts = key.split('__');
  const last = parts.pop() as string;
  const parentKey = parts.join('__');
  const { value: parent, path } = parentKey ? resolveKey(data, parentKey) : { value: data as Json, path: [] };
  if (isObject(parent)) {
    mergeObject(parent, { [last]: value }, path);
    return;
  }
  if (!Array.isArray(parent)) throw new ReviseError(`Expected list or dict for ${parentKey}`);
  if (last === 'extend') {
    if (!Array.isArray(value)) throw new ReviseError(`Expected list for ${parentKey}`);
    parent.push(...value);
    return;
  }
  const child = resolveKey(parent, last);
  const index = child.path[0] as number;
  if (isObject(child.value)) mergeObject(child.value, value, [...path, index]);
  else if (Array.isArray(child.value)) mergeList(child.value, value, [...path, index]);
  else parent[index] = value;
}

export const reviseText = pathText;
