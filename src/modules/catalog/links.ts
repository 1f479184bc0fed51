import type { Dataset, Group, Resource } from './catalog.types.js';

/** Every public URL of the catalog is built here, so that APIs and pages agree. */
export function datasetLinks(baseUrl: string, dataset: Pick<Dataset, 'name'>) {
  const name = encodeURIComponent(dataset.name);
  return {
    self: `${baseUrl}/api/v1/datasets/${name}`,
    html: `${baseUrl}/dataset/${name}`,
    dcat_jsonld: `${baseUrl}/dataset/${name}.jsonld`,
    dcat_turtle: `${baseUrl}/dataset/${name}.ttl`,
    schema_org: `${baseUrl}/dataset/${name}.jsonld?profiles=schemaorg`,
  };
}

/** The stable IRI of a dataset in RDF (by id, so it survives renames, as in ckanext-dcat). */
export function datasetIri(baseUrl: string, dataset: Pick<Dataset, 'id'>): string {
  return `${baseUrl}/dataset/${dataset.id}`;
}

export function resourceIri(baseUrl: string, resource: Pick<Resource, 'id' | 'datasetId'>): string {
  return `${baseUrl}/dataset/${resource.datasetId}/resource/${resource.id}`;
}

/** Where a resource is fetched: its download URL when uploaded (CKAN's URL shape), else its link. */
export function resourceUrl(
  baseUrl: string,
  resource: Pick<Resource, 'id' | 'datasetId' | 'url' | 'upload'>,
): string {
  if (resource.upload) {
    return `${resourceIri(baseUrl, resource)}/download/${encodeURIComponent(resource.upload.filename)}`;
  }
  return resource.url ?? '';
}

export function groupUrl(baseUrl: string, group: Pick<Group, 'name' | 'isOrganization'>): string {
  return `${baseUrl}/${group.isOrganization ? 'organization' : 'group'}/${encodeURIComponent(group.name)}`;
}
