import { createHash } from 'node:crypto';
import { entityRecordId, NEQ_SCHEME } from '../../modules/registry/index.js';
import { Random } from '../random.js';

const GIVEN = [
  'Émilie',
  'Jean-François',
  'Marie-Ève',
  'Luc',
  'Noémie',
  'Réjean',
  'Chloé',
  'Étienne',
  'Hélène',
  'Gaétan',
];
const FAMILY = [
  'Tremblay',
  'Côté',
  'Lévesque',
  'Bélanger',
  'Gagnon',
  'Thériault',
  'Séguin',
  'Bérubé',
  'Ménard',
  'Gélinas',
];

const id = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Fictitious people of enterprises as a BODS 0.4 document: for each enterprise, one to three
 * people (a director, shareholders, an ultimate beneficial owner) with a full date of birth and
 * a home address — what the law keeps private — and sometimes a professional address.
 */
export function peopleStatements(neqs: string[], seed: number, date: string): Record<string, unknown>[] {
  const random = new Random(seed);
  const statements: Record<string, unknown>[] = [];
  const publicationDetails = {
    publicationDate: date,
    bodsVersion: '0.4',
    publisher: { name: 'Démonstration Quai' },
  };
  for (const neq of neqs) {
    const entity = entityRecordId(neq);
    statements.push({
      statementId: id(`entity ${neq} ${date}`),
      declarationSubject: entity,
      statementDate: date,
      recordId: entity,
      recordType: 'entity',
      publicationDetails,
      recordDetails: {
        isComponent: false,
        entityType: { type: 'registeredEntity' },
        jurisdiction: { name: 'Québec', code: 'CA-QC' },
        identifiers: [{ id: neq, scheme: NEQ_SCHEME }],
      },
    });
    const count = random.int(1, 3);
    for (let index = 0; index < count; index++) {
      const person = `personne-${id(`${neq} ${index} ${seed}`).slice(0, 16)}`;
      const given = random.pick(GIVEN);
      const family = random.pick(FAMILY);
      const professional = random.next() < 0.4;
      statements.push({
        statementId: id(`person ${person} ${date}`),
        declarationSubject: entity,
        statementDate: date,
        recordId: person,
        recordType: 'person',
        publicationDetails,
        recordDetails: {
          isComponent: false,
          personType: 'knownPerson',
          names: [{ type: 'legal', fullName: `${given} ${family}`, givenName: given, familyName: family }],
          birthDate: random.date('1950-01-01', '2000-12-31'),
          addresses: [
            {
              type: 'residence',
              address: `${random.int(1, 999)}, rue des Domiciles privés, Québec`,
              country: { name: 'Canada', code: 'CA' },
            },
            ...(professional
              ? [
                  {
                    type: 'service',
                    address: `${random.int(1, 999)}, boulevard des Affaires, Montréal`,
                    country: { name: 'Canada', code: 'CA' },
                  },
                ]
              : []),
          ],
        },
      });
      const share = random.int(10, 60);
      statements.push({
        statementId: id(`relationship ${neq} ${person} ${date}`),
        declarationSubject: entity,
        statementDate: date,
        recordId: `${entity}-${person}`,
        recordType: 'relationship',
        publicationDetails,
        recordDetails: {
          isComponent: false,
          subject: entity,
          interestedParty: person,
          interests:
            index === 0
              ? [
                  {
                    type: 'boardMember',
                    directOrIndirect: 'direct',
                    beneficialOwnershipOrControl: false,
                    startDate: '2015-01-01',
                  },
                ]
              : [
                  {
                    type: 'shareholding',
                    directOrIndirect: 'direct',
                    beneficialOwnershipOrControl: share >= 25,
                    share: { exact: share },
                    startDate: '2018-06-01',
                  },
                ],
        },
      });
    }
  }
  return statements;
}
