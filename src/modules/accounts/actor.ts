/** CKAN's organisation roles, weakest first. */
export const ROLES = ['member', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` grants at least what `needed` grants (admin ⊃ editor ⊃ member). */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Who is making a request: resolved once per request, passed to every service call. */
export interface Actor {
  user: { id: string; name: string; sysadmin: boolean } | null;
  /** Organisation id → role. Empty for anonymous callers. */
  memberships: ReadonlyMap<string, Role>;
}

export const ANONYMOUS: Actor = Object.freeze({ user: null, memberships: new Map() });

/** An actor that may do anything: the CLI and the demo loader act as it. */
export const SYSTEM: Actor = Object.freeze({
  user: { id: '00000000-0000-0000-0000-000000000000', name: 'system', sysadmin: true },
  memberships: new Map(),
});

export function isSysadmin(actor: Actor): boolean {
  return actor.user?.sysadmin === true;
}

/** The organisations where the actor holds at least `role` (sysadmins are handled by callers). */
export function organizationsWithRole(actor: Actor, role: Role): string[] {
  return [...actor.memberships].filter(([, held]) => roleAtLeast(held, role)).map(([id]) => id);
}
