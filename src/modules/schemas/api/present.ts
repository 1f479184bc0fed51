import type { SharedSchema, StoredReport } from '../schemas.types.js';

export const schemaUrl = (baseUrl: string, name: string, version: string) =>
  `${baseUrl}/schemas/${encodeURIComponent(name)}/${encodeURIComponent(version)}/schema.json`;

export function presentSchema(schema: SharedSchema, baseUrl: string) {
  return {
    ...schema,
    latest: schema.versions[0]?.version ?? null,
    versions: schema.versions.map((v) => ({
      version: v.version,
      changelog: v.changelog,
      publishedAt: new Date(v.publishedAt).toISOString(),
      publishedBy: v.publishedBy,
      url: schemaUrl(baseUrl, schema.name, v.version),
    })),
  };
}

export function presentReport(stored: StoredReport, baseUrl: string) {
  const { timings: _timings, ...report } = stored.report;
  return {
    id: stored.id,
    resourceId: stored.resourceId,
    schema: { ...stored.schema, url: schemaUrl(baseUrl, stored.schema.name, stored.schema.version) },
    source: stored.source,
    ...report,
    created: stored.createdAt,
    expires: stored.expiresAt,
  };
}
