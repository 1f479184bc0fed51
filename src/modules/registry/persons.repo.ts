import type { Queryable } from '../../platform/db/index.js';

export interface PersonInput {
  recordId: string;
  fullName: string;
  nameKey: string;
  birthDate: string | null;
  addresses: unknown[];
  nationalities: unknown[];
  statementDate: string | null;
}

export interface InterestInput {
  personRecordId: string;
  neq: string;
  interests: unknown[];
  statementDate: string | null;
}

/** A person as the public may see them: no date of birth, no home address. */
export interface PublicPerson {
  recordId: string;
  fullName: string;
  /** Service and business addresses only. */
  addresses: { type: string; address?: string; postCode?: string }[];
}

/** A BODS 0.4 interest, as loaded (checked against the standard's schema on the way in). */
export interface BodsInterest {
  type: string;
  directOrIndirect?: string;
  beneficialOwnershipOrControl?: boolean;
  startDate?: string;
  endDate?: string;
  details?: string;
  share?: Record<string, number | boolean>;
}

export interface PersonRole {
  neq: string;
  enterpriseName: string | null;
  interests: BodsInterest[];
}

/** Only these addresses are public: a person's declared professional address, never the domicile. */
const PUBLIC_ADDRESSES = `COALESCE((SELECT jsonb_agg(a) FROM jsonb_array_elements(p.addresses) a
  WHERE a->>'type' IN ('service', 'business')), '[]'::jsonb)`;

export function createPersonsRepo(db: Queryable) {
  return {
    async upsert(tx: Queryable, persons: PersonInput[], interests: InterestInput[]): Promise<void> {
      for (const person of persons) {
        await tx.query(
          `INSERT INTO registry.persons (record_id, full_name, name_key, birth_date, addresses, nationalities, statement_date)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (record_id) DO UPDATE SET full_name = excluded.full_name, name_key = excluded.name_key,
             birth_date = excluded.birth_date, addresses = excluded.addresses, nationalities = excluded.nationalities,
             statement_date = excluded.statement_date`,
          [
            person.recordId,
            person.fullName,
            person.nameKey,
            person.birthDate,
            JSON.stringify(person.addresses),
            JSON.stringify(person.nationalities),
            person.statementDate,
          ],
        );
      }
      const people = [...new Set(interests.map((interest) => interest.personRecordId))];
      if (people.length > 0) {
        await tx.query('DELETE FROM registry.person_interests WHERE person_record_id = ANY($1::text[])', [
          people,
        ]);
      }
      for (const interest of interests) {
        await tx.query(
          `INSERT INTO registry.person_interests (person_record_id, neq, interests, statement_date) VALUES ($1, $2, $3, $4)`,
          [interest.personRecordId, interest.neq, JSON.stringify(interest.interests), interest.statementDate],
        );
      }
    },

    /** The people of an enterprise, as the public may see them, with their interests in it. */
    ofEnterprise(neq: string) {
      return db.query<PublicPerson & { interests: BodsInterest[] }>(
        `SELECT p.record_id AS "recordId", p.full_name AS "fullName", ${PUBLIC_ADDRESSES} AS addresses, i.interests
           FROM registry.person_interests i JOIN registry.persons p ON p.record_id = i.person_record_id
          WHERE i.neq = $1 ORDER BY p.full_name, p.record_id`,
        [neq],
      );
    },

    /** People whose full name is exactly this one (case aside), at most `limit`, with their roles. */
    async byExactName(nameKey: string, limit: number): Promise<(PublicPerson & { roles: PersonRole[] })[]> {
      return db.query<PublicPerson & { roles: PersonRole[] }>(
        `SELECT p.record_id AS "recordId", p.full_name AS "fullName", ${PUBLIC_ADDRESSES} AS addresses,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('neq', i.neq, 'enterpriseName', e.name, 'interests', i.interests) ORDER BY i.neq)
              FROM registry.person_interests i LEFT JOIN registry.enterprises e ON e.neq = i.neq
             WHERE i.person_record_id = p.record_id), '[]'::jsonb) AS roles
           FROM registry.persons p WHERE p.name_key = $1 ORDER BY p.record_id LIMIT $2`,
        [nameKey, limit],
      );
    },

    async logSearch(entry: {
      client: string;
      userId: string | null;
      query: string;
      results: number;
    }): Promise<void> {
      await db.query(
        'INSERT INTO registry.person_searches (client, user_id, query, results) VALUES ($1, $2, $3, $4)',
        [entry.client, entry.userId, entry.query, entry.results],
      );
    },
  };
}
