import { stableUuid } from '../../platform/stable-uuid.js';
import { SYSTEM } from '../accounts/index.js';
import {
  type CatalogService,
  type DatasetInput,
  putPortalDataset,
  type ResourceInput,
} from '../catalog/index.js';
import type { SetDefinition, Version } from './reference.types.js';

export const REFERENCE_ORGANIZATION = {
  name: 'donnees-de-reference',
  title: 'Service des données de référence',
};
export const referenceDatasetName = (set: string) => `referentiel-${set}`;

const FILES = [
  ['entities.csv', 'CSV', 'text/csv', 'Toutes les périodes (CSV)', 'Every period (CSV)'],
  ['entities.json', 'JSON', 'application/json', 'Toutes les périodes (JSON)', 'Every period (JSON)'],
  [
    'entities.parquet',
    'Parquet',
    'application/vnd.apache.parquet',
    'Toutes les périodes (Parquet)',
    'Every period (Parquet)',
  ],
  [
    'datapackage.json',
    'JSON',
    'application/json',
    'Descripteur Frictionless (datapackage.json)',
    'Frictionless descriptor (datapackage.json)',
  ],
] as const;

/**
 * The catalog's dataset for a reference set: the current version's bulk files at their permanent
 * URLs and the lookup API, the commitment in its description. Kept in step by a job after each
 * publication.
 */
export async function syncReferenceDataset(deps: {
  catalog: CatalogService;
  baseUrl: string;
  set: SetDefinition;
  version: Version;
}): Promise<void> {
  const { set, version, baseUrl } = deps;
  const versionUrl = `${baseUrl}/api/v1/reference/${set.id}/versions/${encodeURIComponent(version.label)}`;
  const resources: ResourceInput[] = [
    ...FILES.map(([file, format, mimetype, fr, en]) => ({
      id: stableUuid('quai-reference', `${set.id}/${file}`),
      url: `${versionUrl}/files/${file}`,
      name: { fr, en },
      description: { fr: `Version ${version.label}`, en: `Version ${version.label}` },
      format,
      mimetype,
      resourceType: null,
      extras: {},
      upload: null,
    })),
    {
      id: stableUuid('quai-reference', `${set.id}/api`),
      url: `${baseUrl}/api/v1/reference/${set.id}`,
      name: { fr: 'API de consultation', en: 'Lookup API' },
      description: {
        fr: 'Par code, par date (asOf), par nom, par attribut.',
        en: 'By code, by date (asOf), by name, by attribute.',
      },
      format: 'JSON',
      mimetype: 'application/json',
      resourceType: 'api',
      extras: {},
      upload: null,
    },
  ];
  const c = set.commitment;
  const commitment = {
    fr: `Engagement : producteur ${c.producer} ; diffuseur ${c.diffuser} ; mise à jour ${c.frequency}, au plus ${c.maxAgeDays} jours d’âge ; disponibilité visée ${c.availability.files} % (fichiers) et ${c.availability.api} % (API) par mois ; préavis de ${c.noticeDays} jours avant tout changement de structure ; signaler une erreur : ${c.reportUrl}.`,
    en: `Commitment: producer ${c.producer}; diffuser ${c.diffuser}; updated ${c.frequency}, at most ${c.maxAgeDays} days old; availability target ${c.availability.files}% (files) and ${c.availability.api}% (API) a month; ${c.noticeDays} days' notice before any structure change; report an error: ${c.reportUrl}.`,
  };
  const fictitious = version.fictitious
    ? {
        fr: ' VERSION COURANTE FICTIVE (démonstration) : ne pas utiliser ses données.',
        en: ' FICTITIOUS CURRENT VERSION (demonstration): do not use its data.',
      }
    : { fr: '', en: '' };
  const input: DatasetInput = {
    name: referenceDatasetName(set.id),
    title: { fr: `Référentiel — ${set.title.fr}`, en: `Reference data — ${set.title.en}` },
    notes: {
      fr: `${set.description.fr} ${set.source.note.fr}${fictitious.fr}\n\n${commitment.fr}\n\nSource : ${set.source.title} (${set.source.licence}).`,
      en: `${set.description.en} ${set.source.note.en}${fictitious.en}\n\n${commitment.en}\n\nSource: ${set.source.title} (${set.source.licence}).`,
    },
    ownerOrg: REFERENCE_ORGANIZATION.name,
    author: c.producer,
    authorEmail: null,
    maintainer: c.diffuser,
    maintainerEmail: null,
    licenseId: set.source.licence === 'CC0-1.0' ? 'cc-zero' : 'other-open',
    url: `${baseUrl}/fr/referentiels/${set.id}`,
    version: version.label,
    updateFrequency: c.frequency,
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr'],
    tags: ['référentiel', 'données de référence', set.id],
    keywordsEn: ['reference data', set.id],
    groups: [],
    extras: {
      reference_set: set.id,
      reference_version: version.id,
      commitment_producer: c.producer,
      commitment_diffuser: c.diffuser,
      commitment_max_age_days: String(c.maxAgeDays),
      commitment_availability_files: `${c.availability.files}%`,
      commitment_availability_api: `${c.availability.api}%`,
      commitment_notice_days: String(c.noticeDays),
      commitment_report_url: c.reportUrl,
      status_page: `${baseUrl}/fr/referentiels/${set.id}/etat`,
    },
    resources,
  };
  await putPortalDataset(deps.catalog, SYSTEM, REFERENCE_ORGANIZATION, input);
}
