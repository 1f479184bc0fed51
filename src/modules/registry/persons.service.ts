import type { Db } from '../../platform/db/index.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { type Actor, isSysadmin } from '../accounts/index.js';
import { NEQ_SCHEME } from './bods/statements.js';
import { validateBods } from './bods/validate.js';
import { createPersonsRepo, type InterestInput, type PersonInput } from './persons.repo.js';

/** At most this many people answer a search by name: a check, not a list to harvest. */
export const PERSON_RESULTS_MAX = 20;

type Statement = {
  recordId: string;
  recordType: 'entity' | 'person' | 'relationship';
  statementDate?: string;
  recordDetails: Record<string, unknown>;
};

/** A full name as it is compared: case and spacing aside, spelling and accents exactly. */
export function personNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr-CA');
}

/**
 * People linked to enterprises, as the law allows them to be shown: names and interests are
 * public; the date of birth and the home address never are. Searching by a person's name takes
 * the exact full name, answers at most 20 people, and is logged.
 */
export function createPersonsService(deps: { db: Db }) {
  const repo = createPersonsRepo(deps.db);

  return {
    /** Loads BODS 0.4 person and relationship statements (the entities name enterprises by NEQ). */
    async importBods(actor: Actor, document: unknown): Promise<{ persons: number; interests: number }> {
      if (!isSysadmin(actor)) {
        throw new ForbiddenError(
          localized('Réservé aux administrateurs du portail.', 'Portal administrators only.'),
        );
      }
      const errors = validateBods(document);
      if (errors.length > 0) {
        throw new ValidationError(
          errors.slice(0, 50).map((error) => ({
            path: error.pointer,
            code: 'bods',
            message: localized(error.message, error.message),
          })),
        );
      }
      const statements = document as Statement[];
      const neqOf = new Map<string, string>();
      for (const statement of statements) {
        if (statement.recordType !== 'entity') continue;
        const identifiers = (statement.recordDetails.identifiers ?? []) as { id?: string; scheme?: string }[];
        const neq = identifiers.find((identifier) => identifier.scheme === NEQ_SCHEME)?.id;
        if (neq) neqOf.set(statement.recordId, neq);
      }
      const persons: PersonInput[] = [];
      for (const statement of statements) {
        if (statement.recordType !== 'person') continue;
        const details = statement.recordDetails as {
          names?: { fullName?: string; givenName?: string; familyName?: string }[];
          birthDate?: string;
          addresses?: unknown[];
          nationalities?: unknown[];
        };
        const name = details.names?.[0];
        const fullName = name?.fullName ?? [name?.givenName, name?.familyName].filter(Boolean).join(' ');
        if (!fullName) continue;
        persons.push({
          recordId: statement.recordId,
          fullName,
          nameKey: personNameKey(fullName),
          birthDate: details.birthDate ?? null,
          addresses: details.addresses ?? [],
          nationalities: details.nationalities ?? [],
          statementDate: statement.statementDate ?? null,
        });
      }
      const known = new Set(persons.map((person) => person.recordId));
      const interests: InterestInput[] = [];
      for (const statement of statements) {
        if (statement.recordType !== 'relationship') continue;
        const details = statement.recordDetails as {
          subject?: string;
          interestedParty?: unknown;
          interests?: unknown[];
        };
        const neq = neqOf.get(details.subject ?? '');
        const person = typeof details.interestedParty === 'string' ? details.interestedParty : null;
        if (!neq || !person || !known.has(person)) continue;
        interests.push({
          personRecordId: person,
          neq,
          interests: details.interests ?? [],
          statementDate: statement.statementDate ?? null,
        });
      }
      await deps.db.transaction((tx) => repo.upsert(tx, persons, interests));
      return { persons: persons.length, interests: interests.length };
    },

    ofEnterprise: (neq: string) => repo.ofEnterprise(neq),

    /** People by their exact full name (first and last name at least); every attempt logged for audit. */
    async search(request: { name: string; client: string; userId: string | null }) {
      const key = personNameKey(request.name);
      const log = (results: number) =>
        repo.logSearch({ client: request.client, userId: request.userId, query: request.name, results });
      if (key.split(' ').length < 2 || /[%*?_]/.test(key)) {
        await log(0);
        throw new ValidationError([
          {
            path: 'name',
            code: 'full_name_required',
            message: localized(
              'le nom complet exact est requis (prénom et nom, sans caractère générique)',
              'the exact full name is required (given and family name, no wildcard)',
            ),
          },
        ]);
      }
      const people = await repo.byExactName(key, PERSON_RESULTS_MAX + 1);
      const shown = people.slice(0, PERSON_RESULTS_MAX);
      await repo.logSearch({
        client: request.client,
        userId: request.userId,
        query: request.name,
        results: shown.length,
      });
      return { people: shown, truncated: people.length > PERSON_RESULTS_MAX };
    },
  };
}

export type PersonsService = ReturnType<typeof createPersonsService>;
