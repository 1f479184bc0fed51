import { stableUuid } from '../../platform/stable-uuid.js';
import { type Actor, SYSTEM } from '../accounts/index.js';
import {
  type CatalogService,
  type DatasetInput,
  putPortalDataset,
  type ResourceInput,
} from '../catalog/index.js';
import { PERIOD_FILE_NAMES, PERIOD_FILES, type PeriodFile } from './bulk/bulk.service.js';
import { TABLE_NAMES } from './bulk/flatten.js';
import { parsePeriod } from './bulk/periods.js';
import type { ProcurementLinks } from './links.js';
import type { PublicationService } from './publication.service.js';

export const PROCUREMENT_DATASET = 'marches-publics-ocds';

const FILE_WORDS: Record<PeriodFile, { fr: string; en: string }> = {
  'releases.json.gz': { fr: 'instances OCDS (paquet JSON, gzip)', en: 'OCDS releases (JSON package, gzip)' },
  'records.json.gz': { fr: 'archives OCDS (paquet JSON, gzip)', en: 'OCDS records (JSON package, gzip)' },
  'releases.jsonl.gz': { fr: 'instances OCDS (JSON Lines, gzip)', en: 'OCDS releases (JSON Lines, gzip)' },
  'flat.xlsx': {
    fr: 'tableur aplati, une feuille par tableau',
    en: 'flattened spreadsheet, one sheet per array',
  },
};

/**
 * Keeps the "Marchés publics (OCDS)" dataset of the catalog in step with what is published:
 * one resource per bulk file (every month and every ISO week, and each flattened table). The
 * resources link to files written on request, so they are always current. Resource ids are
 * derived from the file, so a new import updates the list without renumbering it.
 */
export async function syncCatalogDataset(deps: {
  catalog: CatalogService;
  publication: PublicationService;
  links: ProcurementLinks;
  organization: { name: string; title: string };
  actor?: Actor;
}): Promise<void> {
  const { catalog, publication, links } = deps;
  const actor = deps.actor ?? SYSTEM;
  const [months, weeks] = await Promise.all([publication.periods('month'), publication.periods('week')]);
  const periods = [...months.reverse(), ...weeks.reverse()].map((row) => row.period);
  const resources: ResourceInput[] = [
    ...TABLE_NAMES.map((table) =>
      resource(
        links.bulk('all', `${table}.csv`),
        {
          fr: `Table ${table} (CSV aplati, toutes périodes)`,
          en: `${table} table (flattened CSV, all periods)`,
        },
        'CSV',
        'text/csv',
      ),
    ),
    ...periods.flatMap((name) =>
      PERIOD_FILE_NAMES.filter((file) => parsePeriod(name)?.kind === 'month' || file !== 'flat.xlsx').map(
        (file) =>
          resource(
            links.bulk(name, file),
            { fr: `${name} — ${FILE_WORDS[file].fr}`, en: `${name} — ${FILE_WORDS[file].en}` },
            PERIOD_FILES[file].format,
            PERIOD_FILES[file].type,
          ),
      ),
    ),
  ];
  const input: DatasetInput = {
    name: PROCUREMENT_DATASET,
    title: { fr: 'Marchés publics (OCDS)', en: 'Public procurement (OCDS)' },
    notes: {
      fr: 'Avis d’appels d’offres, addendas, annulations, adjudications, contrats, dépenses supplémentaires et fins de contrat des organismes publics, selon l’Open Contracting Data Standard (OCDS) 1.1.5. Fichiers par mois et par semaine : paquets d’instances (releases), paquets d’archives (records), JSON Lines et tableurs aplatis.',
      en: 'Calls for tenders, addenda, cancellations, awards, contracts, supplementary expenses and completions of public bodies, in the Open Contracting Data Standard (OCDS) 1.1.5. Files by month and by week: release packages, record packages, JSON Lines and flattened spreadsheets.',
    },
    ownerOrg: deps.organization.name,
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    licenseId: 'cc-by',
    url: links.publicationPolicy,
    version: null,
    updateFrequency: 'daily',
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr', 'en'],
    tags: ['marchés publics', 'appels d’offres', 'contrats', 'OCDS'],
    keywordsEn: ['public procurement', 'tenders', 'contracts', 'OCDS'],
    groups: [],
    extras: {},
    resources,
  };
  await putPortalDataset(catalog, actor, deps.organization, input);
}

function resource(
  url: string,
  name: { fr: string; en: string },
  format: string,
  mimetype: string,
): ResourceInput {
  return {
    id: stableUuid('quai-ocds', url),
    url,
    name,
    description: { fr: null, en: null },
    format,
    mimetype,
    resourceType: null,
    extras: {},
    upload: null,
  };
}

/** A stable UUID (version 5 layout) from a text. */
