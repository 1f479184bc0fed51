import type { Dataset } from '../catalog.types.js';
import { datasetLinks, groupUrl, resourceUrl } from '../links.js';
import { findFormat } from '../vocabularies/formats.js';
import { findLicense } from '../vocabularies/licenses.js';

/**
 * schema.org `Dataset` JSON-LD, as search engines read it (Google Dataset Search): French first,
 * with the English title and description as language-tagged alternatives.
 */
export function presentSchemaOrg(baseUrl: string, site: { title: string }, dataset: Dataset) {
  const links = datasetLinks(baseUrl, dataset);
  const license = findLicense(dataset.licenseId);
  const description = dataset.notes.fr ?? dataset.notes.en ?? dataset.title.fr;
  const publisher = {
    '@type': 'Organization',
    name: dataset.organization.title.fr,
    url: groupUrl(baseUrl, dataset.organization),
    ...(dataset.maintainerEmail || dataset.maintainer
      ? {
          contactPoint: {
            '@type': 'ContactPoint',
            contactType: 'customer service',
            ...(dataset.maintainer ? { name: dataset.maintainer } : {}),
            ...(dataset.maintainerEmail ? { email: dataset.maintainerEmail } : {}),
          },
        }
      : {}),
  };
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': links.html,
    name: dataset.title.fr,
    ...(dataset.title.en ? { alternateName: { '@value': dataset.title.en, '@language': 'en' } } : {}),
    description,
    url: links.html,
    identifier: dataset.id,
    keywords: [...dataset.tags, ...dataset.keywordsEn],
    ...(license ? { license: license.url || license.title.fr } : {}),
    isAccessibleForFree: true,
    inLanguage: dataset.languages,
    publisher,
    creator: dataset.author ? { '@type': 'Person', name: dataset.author } : publisher,
    ...(dataset.version ? { version: dataset.version } : {}),
    datePublished: dataset.metadataCreated.toISOString(),
    dateModified: dataset.metadataModified.toISOString(),
    ...(dataset.temporalStart || dataset.temporalEnd
      ? { temporalCoverage: `${dataset.temporalStart ?? '..'}/${dataset.temporalEnd ?? '..'}` }
      : {}),
    // schema.org boxes are "south west north east", latitude before longitude.
    ...(dataset.bbox
      ? {
          spatialCoverage: {
            '@type': 'Place',
            geo: {
              '@type': 'GeoShape',
              box: `${dataset.bbox.south} ${dataset.bbox.west} ${dataset.bbox.north} ${dataset.bbox.east}`,
            },
          },
        }
      : {}),
    about: dataset.groups.map((group) => ({
      '@type': 'Thing',
      name: group.title.fr,
      url: groupUrl(baseUrl, group),
    })),
    includedInDataCatalog: { '@type': 'DataCatalog', name: site.title, url: baseUrl },
    distribution: dataset.resources.map((resource) => ({
      '@type': 'DataDownload',
      name: resource.name.fr ?? resource.name.en ?? resource.format ?? 'Ressource',
      ...(resource.description.fr ? { description: resource.description.fr } : {}),
      encodingFormat:
        resource.mimetype ?? findFormat(resource.format)?.mediaType ?? resource.format ?? undefined,
      contentUrl: resourceUrl(baseUrl, resource),
      ...(resource.size !== null ? { contentSize: `${resource.size} B` } : {}),
      dateModified: resource.metadataModified.toISOString(),
    })),
  };
}
