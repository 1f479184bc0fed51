export interface MigrationCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What a migration did, per kind, and what it could not carry over, with why. */
export interface MigrationReport {
  portal: string;
  organizations: MigrationCounts;
  groups: MigrationCounts;
  /** Accounts (with their ids, never a password: each sets one with a one-time link). */
  users: MigrationCounts;
  /** Roles in organisations; `removed`: gone upstream since the last migration. */
  memberships: MigrationCounts & { removed: number };
  datasets: MigrationCounts;
  /** Resource views: the table preview comes by itself; charts and maps wait for their table. */
  views: { tables: number; saved: number; pending: number };
  /** Files downloaded and stored (uploads and DataStore-only tables). */
  files: number;
  requests: number;
  /** Migrated accounts that have no password here yet. */
  withoutPassword: number;
  problems: { kind: string; id: string; reason: string }[];
}

export type Dict = Record<string, unknown>;

/** A CKAN action called on the portal being migrated (its `result`, or a SourceError). */
export type CkanCall = (action: string, params: Record<string, string>) => Promise<unknown>;

export const counts = (): MigrationCounts => ({ created: 0, updated: 0, unchanged: 0 });

export const list = (value: unknown): Dict[] =>
  Array.isArray(value) ? value.filter((item): item is Dict => typeof item === 'object' && item !== null) : [];

/** An error in plain words: a validation's fields and reasons, or the message. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error) {
    const issues = (error as { issues: { path: string; message: { en: string } }[] }).issues;
    return issues.map((issue) => `${issue.path}: ${issue.message.en}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
