/**
 * The catalog: organisations, themes, datasets and resources; their search, activity log and
 * machine-readable metadata (DCAT-AP, schema.org).
 */
export type { Activity } from './activity/activity.repo.js';
export { createCatalogModule } from './catalog.module.js';
export { canCreateDatasetIn, canEditDataset } from './catalog.policy.js';
export { type CatalogService, DATASET_WRITTEN } from './catalog.service.js';
export type * from './catalog.types.js';
export { RESOURCE_SEARCH_FIELDS, type ResourceSearchField } from './datasets/lookup.repo.js';
export { publicationGaps, SPATIAL_PLACE_EXTRA, SPATIAL_PLACE_QUEBEC } from './datasets/publication.js';
export type { ResourceVersion } from './datasets/resource-versions.repo.js';
export type { GroupListing } from './groups/group.repo.js';
export type { GroupKind } from './groups/group.service.js';
export { datasetIri, datasetLinks, groupUrl, resourceUrl } from './links.js';
export { catalogMigrations } from './migrations.js';
export type { ResourceUsage, UsageKind, UsageMonth } from './page-views/page-views.repo.js';
export { putPortalDataset } from './portal-dataset.js';
export { presentSchemaOrg } from './rdf/schema-org.present.js';
export { isQualityBand, QUALITY_BANDS, type QualityBand, qualityBand } from './search/quality-bands.js';
export type { QualityOverview, ScoredDataset } from './search/quality-overview.repo.js';
export { QUERY_LIMITS } from './search/query-syntax.js';
export type { FacetCount, FacetField } from './search/search.repo.js';
export { FACET_FIELDS } from './search/search.repo.js';
export { type SearchRequest, type SearchResult, searchRequest } from './search/search.service.js';
export type { ReceivedUpload, UploadService } from './uploads/upload.service.js';
export { FORMATS, findFormat, guessFormat } from './vocabularies/formats.js';
export { FREQUENCIES, findFrequency } from './vocabularies/frequencies.js';
export { findLanguage, LANGUAGES } from './vocabularies/languages.js';
export { findLicense, isOpenLicense, LICENSES, type License } from './vocabularies/licenses.js';
