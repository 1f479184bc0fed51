import { stableUuid } from '../../platform/stable-uuid.js';
import { SYSTEM } from '../accounts/index.js';
import {
  type CatalogService,
  type DatasetInput,
  putPortalDataset,
  type ResourceInput,
} from '../catalog/index.js';
import { BULK_FILES, type BulkFile } from './exports/exports.service.js';

export const REGISTRY_DATASET = 'registre-des-entreprises';

/**
 * The catalog's "Registre des entreprises" dataset: one resource per bulk file of the current
 * edition (the links always serve the current one). Created, with its organisation, on the
 * first import; its modification date follows the editions.
 */
export async function syncRegistryDataset(deps: {
  catalog: CatalogService;
  baseUrl: string;
  organization: { name: string; title: string };
  editionDate: string;
}): Promise<void> {
  const { catalog } = deps;
  const resources: ResourceInput[] = (Object.keys(BULK_FILES) as BulkFile[]).map((file) => {
    const url = `${deps.baseUrl}/api/v1/registry/bulk/${file}`;
    return {
      id: stableUuid('quai-registry', url),
      url,
      name: { fr: BULK_FILES[file].fr, en: BULK_FILES[file].en },
      description: { fr: null, en: null },
      format: BULK_FILES[file].format,
      mimetype: BULK_FILES[file].type.split(';')[0] ?? null,
      resourceType: null,
      extras: {},
      upload: null,
    };
  });
  const input: DatasetInput = {
    name: REGISTRY_DATASET,
    title: { fr: 'Registre des entreprises du Québec', en: 'Québec business registry' },
    notes: {
      fr: `Les entreprises immatriculées au Québec d’après l’édition du ${deps.editionDate} des données ouvertes du Registraire des entreprises : état, noms actuels et anciens, adresses, activités, et le journal des changements d’une édition à l’autre. Aucune donnée sur les personnes. Licence de la source : CC BY-NC-SA 4.0.`,
      en: `Enterprises registered in Québec according to the ${deps.editionDate} edition of the Registraire des entreprises' open data: status, current and former names, addresses, activities, and the log of changes from one edition to the next. No data about people. Source licence: CC BY-NC-SA 4.0.`,
    },
    ownerOrg: deps.organization.name,
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    licenseId: 'cc-by-nc-sa',
    url: 'https://www.registreentreprises.gouv.qc.ca/',
    version: deps.editionDate,
    updateFrequency: 'biweekly',
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr'],
    tags: ['entreprises', 'registre', 'NEQ', 'BODS'],
    keywordsEn: ['businesses', 'registry', 'NEQ', 'BODS'],
    groups: [],
    extras: {},
    resources,
  };
  await putPortalDataset(catalog, SYSTEM, deps.organization, input);
}
