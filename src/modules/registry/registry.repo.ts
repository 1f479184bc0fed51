import type { Queryable } from '../../platform/db/index.js';
import type { Change, Enterprise } from './registry.types.js';

export const ENTERPRISE_COLUMNS = `e.neq, e.name, e.status, e.status_on::text AS "statusOn", e.legal_form AS "legalForm",
  e.regime, e.registered_on::text AS "registeredOn", e.employees, e.activity_code AS "activityCode", e.activity,
  e.address, e.municipality, e.postal_code AS "postalCode", e.bankrupt, e.constituted_on::text AS "constitutedOn",
  e.constitution_place AS "constitutionPlace"`;

/** Reads of the current edition: one enterprise and what hangs on it, the codes, the changes. */
export function createRegistryRepo(db: Queryable) {
  return {
    async enterprise(neq: string): Promise<Enterprise | null> {
      const rows = await db.query<Enterprise>(
        `SELECT ${ENTERPRISE_COLUMNS} FROM registry.enterprises e WHERE e.neq = $1`,
        [neq],
      );
      return rows[0] ?? null;
    },

    names(neq: string) {
      return db.query<{
        name: string;
        foreignName: string | null;
        status: string;
        type: string;
        startOn: string | null;
        endOn: string | null;
      }>(
        `SELECT name, foreign_name AS "foreignName", status, type, start_on::text AS "startOn", end_on::text AS "endOn"
           FROM registry.names WHERE neq = $1 ORDER BY end_on DESC NULLS FIRST, start_on DESC NULLS LAST, name`,
        [neq],
      );
    },

    establishments(neq: string) {
      return db.query<{
        suffix: number;
        principal: boolean;
        name: string | null;
        address: string | null;
        municipality: string | null;
        postalCode: string | null;
        activityCode: string | null;
        activity: string | null;
      }>(
        `SELECT suffix, principal, name, address, municipality, postal_code AS "postalCode", activity_code AS "activityCode", activity
           FROM registry.establishments WHERE neq = $1 ORDER BY suffix`,
        [neq],
      );
    },

    /** Mergers and splits the enterprise took part in, on either side. */
    relations(neq: string) {
      return db.query<{
        neq: string;
        relatedNeq: string | null;
        relatedName: string | null;
        kind: string | null;
        effectiveOn: string | null;
      }>(
        `SELECT neq, related_neq AS "relatedNeq", related_name AS "relatedName", kind, effective_on::text AS "effectiveOn"
           FROM registry.relations WHERE neq = $1 OR related_neq = $1 ORDER BY effective_on, neq`,
        [neq],
      );
    },

    continuations(neq: string) {
      return db.query<{
        changeType: string | null;
        regime: string | null;
        otherRegime: string | null;
        locality: string | null;
        effectiveOn: string | null;
      }>(
        `SELECT change_type AS "changeType", regime, other_regime AS "otherRegime", locality, effective_on::text AS "effectiveOn"
           FROM registry.continuations WHERE neq = $1 ORDER BY effective_on`,
        [neq],
      );
    },

    /** Every code's French label, by domain. */
    async codes(): Promise<Map<string, string>> {
      const rows = await db.query<{ domain: string; code: string; label: string }>(
        'SELECT domain, code, label FROM registry.codes',
      );
      return new Map(rows.map((row) => [`${row.domain}:${row.code}`, row.label]));
    },

    /** The latest changes, newest first, with the enterprise's current name (for the Atom feed). */
    latestChanges(limit: number, kind: string | null) {
      return db.query<Change & { name: string | null }>(
        `SELECT c.seq::float8 AS seq, c.neq, c.kind, c.details, ed.published_on::text AS edition, e.name
           FROM registry.changes c JOIN registry.editions ed ON ed.id = c.edition_id
           LEFT JOIN registry.enterprises e ON e.neq = c.neq
          WHERE ($2::text IS NULL OR c.kind = $2)
          ORDER BY c.seq DESC LIMIT $1`,
        [limit, kind],
      );
    },

    /** Changes of some enterprises after a position of the feed, in its order (their followers are told). */
    changesOf(
      neqs: readonly string[],
      after: number,
      limit: number,
    ): Promise<(Change & { name: string | null })[]> {
      return db.query(
        `SELECT c.seq::float8 AS seq, c.neq, c.kind, c.details, e.published_on::text AS edition, en.name
           FROM registry.changes c JOIN registry.editions e ON e.id = c.edition_id
           LEFT JOIN registry.enterprises en ON en.neq = c.neq
          WHERE c.neq = ANY($1::text[]) AND c.seq > $2 ORDER BY c.seq LIMIT $3`,
        [neqs, after, limit],
      );
    },

    lastChangeSeq: async (): Promise<number> =>
      Number(
        (await db.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM registry.changes'))[0]?.seq ?? 0,
      ),

    /** Changes after a position of the feed, in the order they were recorded; one enterprise's when asked. */
    changes(options: { after: number; limit: number; neq?: string }): Promise<Change[]> {
      return db.query<Change>(
        `SELECT c.seq::float8 AS seq, c.neq, c.kind, c.details, e.published_on::text AS edition
           FROM registry.changes c JOIN registry.editions e ON e.id = c.edition_id
          WHERE c.seq > $1 AND ($3::text IS NULL OR c.neq = $3)
          ORDER BY c.seq LIMIT $2`,
        [options.after, options.limit, options.neq ?? null],
      );
    },
  };
}

export type RegistryRepo = ReturnType<typeof createRegistryRepo>;
