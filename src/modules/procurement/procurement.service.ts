import type { Db } from '../../platform/db/index.js';
import { createImportService } from './import.service.js';
import { procurementLinks } from './links.js';
import { Merger } from './ocds/merge.js';
import { releaseMergeRules } from './ocds/standard.js';
import { createPublicationService } from './publication.service.js';

/** The procurement module's services, wired once by the composition root. */
export function createProcurementService({
  db,
  baseUrl,
  ocidPrefix,
  publisherName,
}: {
  db: Db;
  baseUrl: string;
  ocidPrefix: string;
  publisherName: string;
}) {
  const merger = new Merger(releaseMergeRules());
  const links = procurementLinks(baseUrl);
  return {
    links,
    merger,
    imports: createImportService({ db, merger, ocidPrefix }),
    publication: createPublicationService({ db, merger, links, publisherName }),
  };
}

export type ProcurementService = ReturnType<typeof createProcurementService>;
