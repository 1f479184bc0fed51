import { createHash } from 'node:crypto';
import type { Enterprise } from '../registry.types.js';
import { STRUCK_OFF_STATUSES } from '../req-format.js';

/** The identifier scheme of the NEQ, as the procurement data (OCDS) names it too. */
export const NEQ_SCHEME = 'CA-QC_QBC';
export const REQ_LICENSE = 'https://creativecommons.org/licenses/by-nc-sa/4.0/';

export interface Publication {
  publisherName: string;
  publisherUrl: string;
  /** The edition's date: when the Registraire published what the statement says. */
  editionDate: string;
}

/** The record id of an enterprise: stable from one edition to the next. */
export const entityRecordId = (neq: string) => `${NEQ_SCHEME}-${neq}`;

/** A statement id: unique per record and edition (the same statement again has the same id). */
export function statementId(recordId: string, editionDate: string): string {
  return createHash('sha256').update(`${recordId} ${editionDate}`).digest('hex').slice(0, 40);
}

function publicationDetails(publication: Publication) {
  return {
    publicationDate: publication.editionDate,
    bodsVersion: '0.4',
    license: REQ_LICENSE,
    publisher: { name: publication.publisherName, url: publication.publisherUrl },
  };
}

/**
 * An enterprise as a BODS 0.4 entity statement: a registered entity of Québec's jurisdiction,
 * its NEQ, its names (other and former ones as alternate names), founding and, when struck off,
 * dissolution date, and its domicile as registered address.
 */
export function entityStatement(
  enterprise: Enterprise & { names?: { name: string; endOn: string | null; type: string }[] },
  publication: Publication,
) {
  const recordId = entityRecordId(enterprise.neq);
  const alternateNames = [
    ...new Set((enterprise.names ?? []).map((name) => name.name).filter((name) => name !== enterprise.name)),
  ];
  const struckOff = STRUCK_OFF_STATUSES.includes(enterprise.status ?? '') && enterprise.statusOn;
  const founding = enterprise.constitutedOn ?? enterprise.registeredOn;
  const address = [enterprise.address, enterprise.municipality].filter(Boolean).join(', ');
  return {
    statementId: statementId(recordId, publication.editionDate),
    declarationSubject: recordId,
    statementDate: publication.editionDate,
    recordId,
    recordType: 'entity' as const,
    publicationDetails: publicationDetails(publication),
    source: {
      type: ['officialRegister'],
      description: 'Registraire des entreprises du Québec, données ouvertes',
      url: 'https://www.registreentreprises.gouv.qc.ca/',
      retrievedAt: publication.editionDate,
    },
    recordDetails: {
      isComponent: false,
      entityType: { type: 'registeredEntity' },
      ...(enterprise.name ? { name: enterprise.name } : {}),
      ...(alternateNames.length > 0 ? { alternateNames } : {}),
      jurisdiction: { name: 'Québec', code: 'CA-QC' },
      identifiers: [
        { id: enterprise.neq, scheme: NEQ_SCHEME, schemeName: 'Numéro d’entreprise du Québec (NEQ)' },
      ],
      ...(founding ? { foundingDate: founding } : {}),
      ...(struckOff ? { dissolutionDate: enterprise.statusOn } : {}),
      ...(address
        ? {
            addresses: [
              {
                type: 'registered',
                address,
                ...(enterprise.postalCode ? { postCode: enterprise.postalCode } : {}),
                country: { name: 'Canada', code: 'CA' },
              },
            ],
          }
        : {}),
    },
  };
}

/** A person as BODS publishes them here: the name and a professional address, nothing more. */
export function personStatement(
  person: {
    recordId: string;
    fullName: string;
    addresses: { type: string; address?: string; postCode?: string }[];
  },
  subject: string,
  publication: Publication,
) {
  return {
    statementId: statementId(person.recordId, publication.editionDate),
    declarationSubject: subject,
    statementDate: publication.editionDate,
    recordId: person.recordId,
    recordType: 'person' as const,
    publicationDetails: publicationDetails(publication),
    recordDetails: {
      isComponent: false,
      personType: 'knownPerson',
      names: [{ type: 'legal', fullName: person.fullName }],
      ...(person.addresses.length > 0 ? { addresses: person.addresses } : {}),
    },
  };
}

/** A person's interests in an enterprise as a BODS relationship statement. */
export function relationshipStatement(
  personRecordId: string,
  neq: string,
  interests: readonly object[],
  publication: Publication,
) {
  const recordId = `${entityRecordId(neq)}-${personRecordId}`;
  return {
    statementId: statementId(recordId, publication.editionDate),
    declarationSubject: entityRecordId(neq),
    statementDate: publication.editionDate,
    recordId,
    recordType: 'relationship' as const,
    publicationDetails: publicationDetails(publication),
    recordDetails: {
      isComponent: false,
      subject: entityRecordId(neq),
      interestedParty: personRecordId,
      interests,
    },
  };
}
