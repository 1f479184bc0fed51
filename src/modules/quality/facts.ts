import { SYSTEM } from '../accounts/index.js';
import {
  type Dataset,
  findFormat,
  findLicense,
  guessFormat,
  isOpenLicense,
  type Resource,
  SPATIAL_PLACE_EXTRA,
} from '../catalog/index.js';
import type { DatastoreService, Table } from '../datastore/index.js';
import { parseSchemaRef, type SchemasServices, type StoredReport } from '../schemas/index.js';
import type { DatasetFacts, ResourceFacts } from './evaluate.js';
import { linkReason } from './link-check.js';
import type { LinkCheck } from './quality.types.js';

export interface FactSources {
  datastore: DatastoreService;
  schemas: SchemasServices;
  /** The portal's own address: links under it are the portal's files and API, always reachable. */
  baseUrl: string;
}

/** The catalog's format label in upper case: declared, else guessed from the file name or URL. */
function formatOf(resource: Resource): string | null {
  const declared = resource.format ? (findFormat(resource.format)?.label ?? resource.format) : null;
  const guessed = guessFormat(resource.upload?.filename ?? resource.url ?? '')?.label ?? null;
  return (declared ?? guessed)?.toUpperCase() ?? null;
}

/** A table's columns (the row id of API tables aside), and those without a description. */
function dictionaryOf(table: Table): { columns: number; undescribed: string[] } {
  const columns = table.columns.filter((column) => column.id !== '_id');
  const undescribed = columns.filter(
    (column) => !(column.description?.fr?.trim() || column.description?.en?.trim()),
  );
  return { columns: columns.length, undescribed: undescribed.map((column) => column.id) };
}

/**
 * Whether a report judges the resource's current file against the schema it declares now: made
 * for that schema (and version, when one is named), after the table was last loaded.
 */
export function reportIsCurrent(declared: string, report: StoredReport | null, table: Table | null): boolean {
  const ref = parseSchemaRef(declared);
  if (!ref || !report) return false;
  if (report.schema.name !== ref.name) return false;
  if (ref.version !== 'latest' && report.schema.version !== ref.version) return false;
  return !table || new Date(report.createdAt).getTime() >= table.loadedAt.getTime();
}

export interface GatheredFacts {
  facts: DatasetFacts;
  /** A declared schema whose report is not in yet (the validation runs after the load). */
  awaitingValidation: boolean;
}

/** Everything the score needs about a dataset, read from the other modules and the link checks. */
export async function gatherFacts(
  sources: FactSources,
  dataset: Dataset,
  checks: readonly LinkCheck[],
): Promise<GatheredFacts> {
  const byResource = new Map(checks.map((check) => [check.resourceId, check]));
  let awaitingValidation = false;
  const resources: ResourceFacts[] = [];
  for (const resource of dataset.resources.filter((r) => r.state === 'active')) {
    const { table } = await sources.datastore.status(SYSTEM, resource.id);
    const declared = resource.extras.schema?.trim() || null;
    let schema: ResourceFacts['schema'] = null;
    if (declared) {
      const report = await sources.schemas.validation.resourceReport(SYSTEM, resource.id);
      const current = reportIsCurrent(declared, report, table);
      // A reference that is not name@version never gets a report: nothing to wait for.
      if (!current && parseSchemaRef(declared)) awaitingValidation = true;
      schema = {
        declared,
        report:
          current && report ? { valid: report.report.valid, errorCount: report.report.errorCount } : null,
      };
    }
    const kind = resource.upload
      ? 'upload'
      : resource.url?.startsWith(`${sources.baseUrl}/`)
        ? 'internal'
        : 'link';
    const check = byResource.get(resource.id);
    const link = kind === 'link' && check && check.url === resource.url ? check : null;
    const updated = Math.max(
      (resource.lastModified ?? resource.created).getTime(),
      table?.loadedAt.getTime() ?? 0,
    );
    resources.push({
      name: resource.name.fr ?? resource.name.en ?? resource.upload?.filename ?? resource.url ?? resource.id,
      kind,
      format: formatOf(resource),
      updatedAt: new Date(updated),
      link: link ? { ok: link.ok, reason: linkReason(link) } : null,
      table: table ? dictionaryOf(table) : null,
      schema,
    });
  }
  const license = findLicense(dataset.licenseId);
  return {
    awaitingValidation,
    facts: {
      notes: dataset.notes,
      license: license
        ? { id: license.id, title: license.title, open: isOpenLicense(license) }
        : dataset.licenseId
          ? { id: dataset.licenseId, title: { fr: dataset.licenseId, en: dataset.licenseId }, open: false }
          : null,
      updateFrequency: dataset.updateFrequency,
      temporalStart: dataset.temporalStart,
      temporalEnd: dataset.temporalEnd,
      bbox: dataset.bbox,
      place: dataset.extras[SPATIAL_PLACE_EXTRA] ?? null,
      contactEmail: dataset.maintainerEmail || dataset.authorEmail || null,
      metadataModified: dataset.metadataModified,
      resources,
    },
  };
}
