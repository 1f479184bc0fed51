import type { Json, JsonObject } from './json.js';
import { isObject, jsonEqual } from './json.js';
import type { MergeRules } from './merge-rules.js';

/**
 * The OCDS merge routine: releases of one contracting process → its compiled release (latest
 * state) or versioned release (every value with the release that set it). Follows the
 * standard's merging rules as the reference implementation (ocds-merge) applies them: releases
 * sorted by `date` (as strings, stable), `id`/`date`/`tag` dropped, last value wins, `null`
 * deletes, objects merged field by field, arrays of objects merged by `id` (type-sensitive;
 * objects without `id` kept apart), whole-list arrays replaced. The input is never modified;
 * the output shares the releases' unchanged values.
 */

/** Rule overrides for bad data: merge an array's objects by position, or append them all. */
export type ArrayOverride = 'append' | 'byPosition';

export interface VersionedValue {
  releaseID: Json;
  releaseDate: Json;
  releaseTag: Json;
  value: Json;
}

export class OcdsMergeError extends Error {}

type Slot = Leaf | ObjectNode | ArrayNode;
interface Leaf {
  kind: 'leaf';
  value: Json;
  history: VersionedValue[];
}
interface ObjectNode {
  kind: 'object';
  fields: Map<string, Slot>;
}
interface ArrayNode {
  kind: 'array';
  items: Map<string, ItemNode>;
}
interface ItemNode extends ObjectNode {
  id: Json | undefined;
}

type Mode = 'compiled' | 'versioned';

export class Merger {
  constructor(
    private readonly rules: MergeRules,
    private readonly overrides: ReadonlyMap<string, ArrayOverride> = new Map(),
  ) {}

  compiled(releases: readonly JsonObject[]): JsonObject {
    const run = new MergeRun(this.rules, this.overrides, 'compiled');
    const sorted = sortByDate(releases);
    for (const release of sorted) run.mergeRelease(release);
    const last = sorted[sorted.length - 1];
    const ocid = last?.ocid ?? null;
    const date = last?.date ?? null;
    return {
      tag: ['compiled'],
      id: `${ocid === null ? 'None' : String(ocid)}-${String(date)}`,
      date,
      ocid,
      ...withoutKeys(run.output(), ['tag', 'id', 'date', 'ocid']),
    };
  }

  versioned(releases: readonly JsonObject[]): JsonObject {
    const run = new MergeRun(this.rules, this.overrides, 'versioned');
    const sorted = sortByDate(releases);
    for (const release of sorted) run.mergeRelease(release);
    const ocid = sorted[sorted.length - 1]?.ocid ?? null;
    return { ocid, ...withoutKeys(run.output(), ['ocid']) };
  }
}

class MergeRun {
  private readonly root: ObjectNode = { kind: 'object', fields: new Map() };
  private unique = 0;
  private stamp: VersionedValue = { releaseID: null, releaseDate: null, releaseTag: null, value: null };

  constructor(
    private readonly rules: MergeRules,
    private readonly overrides: ReadonlyMap<string, ArrayOverride>,
    private readonly mode: Mode,
  ) {}

  mergeRelease(release: JsonObject): void {
    this.stamp = {
      releaseID: release.id ?? null,
      releaseDate: release.date ?? null,
      releaseTag: release.tag ?? null,
      value: null,
    };
    const skipped = this.mode === 'versioned' ? ['tag', 'ocid'] : ['tag'];
    this.mergeFields(release, '', () => this.root, skipped);
  }

  output(): JsonObject {
    return this.objectOut(this.root);
  }

  private mergeFields(
    source: JsonObject,
    rulePath: string,
    target: () => ObjectNode,
    skipped: string[],
  ): void {
    for (const key of Object.keys(source)) {
      if (skipped.includes(key)) continue;
      const value = source[key] as Json;
      const path = rulePath === '' ? key : `${rulePath}/${key}`;
      const rule = this.rules.get(path);
      if (rule === 'omit') continue;
      if (
        value === null ||
        typeof value !== 'object' ||
        rule === 'wholeList' ||
        (Array.isArray(value) && value.some((item) => !isObject(item)))
      ) {
        this.writeLeaf(target, key, value, path);
      } else if (Array.isArray(value)) {
        if (value.length > 0)
          this.mergeArray(value as JsonObject[], path, () => this.child(target(), key, 'array', path));
      } else if (Object.keys(value).length > 0) {
        this.mergeFields(value, path, () => this.child(target(), key, 'object', path), []);
      }
    }
  }

  private mergeArray(items: JsonObject[], path: string, target: () => ArrayNode): void {
    const override = this.overrides.get(path);
    items.forEach((item, index) => {
      const id = item.id;
      const identity =
        override === 'byPosition'
          ? `p${index}`
          : override === 'append' || id === undefined || id === null
            ? `u${this.unique++}`
            : `${typeof id}:${typeof id === 'string' ? id : JSON.stringify(id)}`;
      const node = () => itemOf(target(), identity, id);
      if ('id' in item) node();
      this.mergeFields(item, path, node, ['id']);
    });
  }

  private child<K extends 'object' | 'array'>(
    parent: ObjectNode,
    key: string,
    kind: K,
    path: string,
  ): K extends 'object' ? ObjectNode : ArrayNode {
    const existing = parent.fields.get(key);
    if (existing?.kind === kind) return existing as never;
    if (existing && !(existing.kind === 'leaf' && existing.value === null && this.mode === 'compiled')) {
      throw new OcdsMergeError(
        `"${path}" is ${describe(existing)} in one release and ${kind === 'object' ? 'an object' : 'an array'} in another`,
      );
    }
    const created: ObjectNode | ArrayNode =
      kind === 'object' ? { kind: 'object', fields: new Map() } : { kind: 'array', items: new Map() };
    parent.fields.set(key, created);
    return created as never;
  }

  private writeLeaf(target: () => ObjectNode, key: string, value: Json, path: string): void {
    const node = target();
    const existing = node.fields.get(key);
    if (existing && existing.kind !== 'leaf') {
      if (value === null) return;
      throw new OcdsMergeError(`"${path}" is ${describe(existing)} in one release and a value in another`);
    }
    if (this.mode === 'compiled') {
      if (existing) existing.value = value;
      else node.fields.set(key, { kind: 'leaf', value, history: [] });
      return;
    }
    const version = { ...this.stamp, value };
    if (!existing) node.fields.set(key, { kind: 'leaf', value, history: [version] });
    else if (!jsonEqual(existing.value, value)) {
      existing.value = value;
      existing.history.push(version);
    }
  }

  private objectOut(node: ObjectNode, into: JsonObject = {}): JsonObject {
    for (const [key, slot] of node.fields) {
      if (slot.kind === 'object') into[key] = this.objectOut(slot);
      else if (slot.kind === 'array') {
        into[key] = [...slot.items.values()].map((item) =>
          this.objectOut(item, item.id === undefined || item.id === null ? {} : { id: item.id }),
        );
      } else if (this.mode === 'versioned') into[key] = slot.history as unknown as Json;
      else if (slot.value !== null) into[key] = slot.value;
    }
    return into;
  }
}

function itemOf(array: ArrayNode, identity: string, id: Json | undefined): ItemNode {
  let item = array.items.get(identity);
  if (!item) {
    item = { kind: 'object', fields: new Map(), id };
    array.items.set(identity, item);
  }
  return item;
}

function sortByDate(releases: readonly JsonObject[]): readonly JsonObject[] {
  if (releases.length <= 1) return releases;
  for (const release of releases) {
    if (typeof release.date !== 'string')
      throw new OcdsMergeError(`Release ${String(release.id)} has no date`);
  }
  return [...releases].sort((a, b) => {
    const x = a.date as string;
    const y = b.date as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function withoutKeys(object: JsonObject, keys: string[]): JsonObject {
  for (const key of keys) delete object[key];
  return object;
}

function describe(slot: Slot): string {
  return slot.kind === 'leaf' ? 'a value' : slot.kind === 'object' ? 'an object' : 'an array';
}
