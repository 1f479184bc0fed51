import { ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type {
  AttributeValue,
  Change,
  ChangeKind,
  Period,
  SetDefinition,
  Snapshot,
  SourceEntity,
} from './reference.types.js';

/** What a new version does to the periods: the ones it ends, opens, and how they descend. */
export interface VersionPlan {
  changes: Change[];
  /** Codes whose current period ends (changed or retired), with the day it ends and why. */
  ends: { code: string; effective: string; reason: string }[];
  /** Periods the version opens (new codes, and changed codes' next period). */
  opens: { entity: SourceEntity; validFrom: string | null; reason: string | null }[];
  /** Lineage between the ending period of `from` and the current period of `to` after the version. */
  lineage: { from: string; to: string; event: string; effective: string }[];
}

const issue = (path: string, fr: string, en: string) => ({
  path,
  code: 'reference',
  message: localized(fr, en),
});

/** The attributes that say which division an entity belongs to: a change is a move. */
const linkNames = (set: SetDefinition) =>
  new Set(set.attributes.filter((a) => a.type === 'code').map((a) => a.name));
const same = (a: AttributeValue | undefined, b: AttributeValue | undefined) => (a ?? null) === (b ?? null);
const state = (entity: { name: string; attributes: Record<string, AttributeValue> }) => ({
  name: entity.name,
  attributes: entity.attributes,
});

/**
 * Compares a snapshot with the periods current in the previous version and plans the next one.
 * Refuses (naming every offending code) a code that disappears without a retirement, a retired
 * code that comes back, a retirement whose successor is not in the new state, and codes that do
 * not match the set's scheme or repeat.
 */
export function planVersion(
  set: SetDefinition,
  snapshot: Snapshot,
  previous: Map<string, Period>,
  retiredCodes: Set<string>,
): VersionPlan {
  const issues: ReturnType<typeof issue>[] = [];
  const pattern = new RegExp(set.scheme.pattern);
  const next = new Map<string, SourceEntity>();
  const declared = new Set(set.attributes.map((a) => a.name));
  snapshot.entities.forEach((entity, index) => {
    const path = `entities.${index}`;
    if (!pattern.test(entity.code))
      issues.push(
        issue(
          `${path}.code`,
          `« ${entity.code} » ne suit pas le schéma ${set.scheme.pattern}`,
          `"${entity.code}" does not match ${set.scheme.pattern}`,
        ),
      );
    if (next.has(entity.code))
      issues.push(
        issue(`${path}.code`, `le code ${entity.code} paraît deux fois`, `code ${entity.code} appears twice`),
      );
    if (!entity.name.trim()) issues.push(issue(`${path}.name`, 'nom vide', 'empty name'));
    for (const name of Object.keys(entity.attributes))
      if (!declared.has(name))
        issues.push(
          issue(
            `${path}.attributes.${name}`,
            `attribut non déclaré « ${name} »`,
            `undeclared attribute "${name}"`,
          ),
        );
    next.set(entity.code, entity);
  });

  const retirements = new Map(snapshot.retirements.map((r) => [r.code, r]));
  for (const [code, retirement] of retirements) {
    if (!previous.has(code))
      issues.push(
        issue(
          `retirements.${code}`,
          `le code ${code} n’est pas en vigueur dans la version précédente`,
          `code ${code} is not current in the previous version`,
        ),
      );
    if (next.has(code))
      issues.push(
        issue(
          `retirements.${code}`,
          `le code ${code} est retiré mais figure encore dans la nouvelle version`,
          `code ${code} is retired but still listed in the new version`,
        ),
      );
    for (const successor of retirement.successors)
      if (!next.has(successor))
        issues.push(
          issue(
            `retirements.${code}.successors`,
            `le successeur ${successor} n’est pas dans la nouvelle version`,
            `successor ${successor} is not in the new version`,
          ),
        );
  }
  for (const code of previous.keys())
    if (!next.has(code) && !retirements.has(code))
      issues.push(
        issue(
          `entities`,
          `le code ${code} disparaît sans retrait (date, motif, successeurs)`,
          `code ${code} disappears without a retirement (date, reason, successors)`,
        ),
      );
  for (const code of next.keys())
    if (!previous.has(code) && retiredCodes.has(code))
      issues.push(
        issue(
          `entities`,
          `le code ${code} a été retiré : un code n’est jamais réutilisé`,
          `code ${code} was retired: a code is never reused`,
        ),
      );
  if (issues.length > 0) throw new ValidationError(issues);

  const plan: VersionPlan = { changes: [], ends: [], opens: [], lineage: [] };
  const first = previous.size === 0 && retiredCodes.size === 0;
  const predecessorsOf = new Map<string, string[]>();
  for (const retirement of retirements.values())
    for (const successor of retirement.successors)
      predecessorsOf.set(successor, [...(predecessorsOf.get(successor) ?? []), retirement.code]);
  const links = linkNames(set);

  for (const [code, entity] of next) {
    const before = previous.get(code);
    if (!before) {
      const predecessors = predecessorsOf.get(code) ?? [];
      const effective = predecessors.map((p) => retirements.get(p)?.effective).find(Boolean);
      plan.opens.push({
        entity,
        validFrom: first ? null : (effective ?? snapshot.effective?.[code] ?? snapshot.referenceDate),
        reason: first
          ? null
          : predecessors.length > 0
            ? (retirements.get(predecessors[0] as string)?.event ?? 'constitution')
            : 'constitution',
      });
      if (!first)
        plan.changes.push({
          code,
          kind: 'created',
          before: null,
          after: state(entity),
          related: predecessors,
        });
      continue;
    }
    const kinds: ChangeKind[] = [];
    if (before.name !== entity.name || (before.nameEn ?? null) !== (entity.nameEn ?? null))
      kinds.push('renamed');
    if (!same(before.attributes.type, entity.attributes.type)) kinds.push('designation_changed');
    if ([...links].some((name) => !same(before.attributes[name], entity.attributes[name])))
      kinds.push('moved');
    const other = Object.keys({ ...before.attributes, ...entity.attributes }).some(
      (name) =>
        name !== 'type' && !links.has(name) && !same(before.attributes[name], entity.attributes[name]),
    );
    if (kinds.length === 0 && !other) continue;
    if (kinds.length === 0) kinds.push('updated');
    const effective = snapshot.effective?.[code] ?? snapshot.referenceDate;
    const reason = kinds[0] as ChangeKind;
    plan.ends.push({ code, effective, reason });
    plan.opens.push({ entity, validFrom: effective, reason });
    for (const kind of kinds)
      plan.changes.push({ code, kind, before: state(before), after: state(entity), related: [] });
  }

  for (const retirement of retirements.values()) {
    const before = previous.get(retirement.code) as Period;
    const kind: ChangeKind =
      retirement.successors.length > 1 ? 'split' : retirement.successors.length === 1 ? 'merged' : 'retired';
    plan.ends.push({ code: retirement.code, effective: retirement.effective, reason: retirement.event });
    plan.changes.push({
      code: retirement.code,
      kind,
      before: state(before),
      after: null,
      related: retirement.successors,
    });
    for (const successor of retirement.successors)
      plan.lineage.push({
        from: retirement.code,
        to: successor,
        event: retirement.event,
        effective: retirement.effective,
      });
  }
  // Changed codes descend from their previous period too (a renaming keeps the code).
  for (const end of plan.ends)
    if (next.has(end.code))
      plan.lineage.push({ from: end.code, to: end.code, event: end.reason, effective: end.effective });
  return plan;
}
