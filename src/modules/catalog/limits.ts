/**
 * The limits of every text and list field of the catalog, in characters or items: checked by
 * the services (so REST, CKAN and the web forms refuse alike, naming the field) and declared in
 * the OpenAPI schema.
 */
export const LIMITS = {
  title: 500,
  notes: 100_000,
  person: 200,
  email: 320,
  url: 2000,
  version: 100,
  tags: 100,
  groups: 50,
  languages: 20,
  extras: 100,
  extraValue: 10_000,
  resources: 1000,
  resourceName: 500,
  resourceDescription: 20_000,
  format: 100,
  mediaType: 200,
  resourceType: 100,
  groupTitle: 300,
  groupDescription: 20_000,
} as const;
