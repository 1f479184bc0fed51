import type { Db } from '../../platform/db/index.js';
import type { CatalogService } from '../catalog/index.js';
import { createBulkService } from './bulk/bulk.service.js';
import { createImportService } from './import.service.js';
import { procurementLinks } from './links.js';
import { Merger } from './ocds/merge.js';
import { releaseMergeRules } from './ocds/standard.js';
import { syncCatalogDataset } from './procurement-dataset.js';
import { createPublicationService } from './publication.service.js';

/** The procurement module's services, wired once by the composition root. */
export function createProcurementService({
  db,
  baseUrl,
  ocidPrefix,
  publisherName,
  catalog,
  organizationName,
  announce,
}: {
  db: Db;
  baseUrl: string;
  ocidPrefix: string;
  publisherName: string;
  catalog: CatalogService;
  /** The organisation that owns the catalog's procurement dataset (created if missing). */
  organizationName: string;
  /** Tells other modules that releases were added (a durable event). */
  announce: () => Promise<void>;
}) {
  const merger = new Merger(releaseMergeRules());
  const links = procurementLinks(baseUrl);
  const publication = createPublicationService({ db, merger, links, publisherName });
  return {
    links,
    merger,
    imports: createImportService({
      db,
      merger,
      ocidPrefix,
      published: async () => {
        await syncCatalogDataset({
          catalog,
          publication,
          links,
          organization: { name: organizationName, title: organizationName },
        });
        await announce();
      },
    }),
    publication,
    bulk: createBulkService({ db, links, publication }),
  };
}

export type ProcurementService = ReturnType<typeof createProcurementService>;
