import { OCDS_VERSION } from './ocds/standard.js';

/** What every package we publish says about itself (OCDS package metadata). */
export interface PackageMetadata {
  uri: string;
  publishedDate: string;
  publisher: { name: string; uri?: string };
  license: string;
  publicationPolicy: string;
}

export const CC_BY_4 = 'https://creativecommons.org/licenses/by/4.0/';

/**
 * Writes a release or record package around releases/records already serialised: the stored
 * text is copied, never parsed and re-written, so a package costs what its bytes cost. Paged
 * lists carry `links.next` (as OCDS 1.2 and harvesters such as Kingfisher expect).
 */
export function packageJson(
  kind: 'releases' | 'records',
  metadata: PackageMetadata,
  items: readonly string[],
  extra: { packages?: string[]; links?: { next?: string } } = {},
): string {
  const head = {
    uri: metadata.uri,
    version: OCDS_VERSION,
    extensions: [],
    publishedDate: metadata.publishedDate,
    publisher: metadata.publisher,
    license: metadata.license,
    publicationPolicy: metadata.publicationPolicy,
    ...(extra.packages ? { packages: extra.packages } : {}),
    ...(extra.links?.next ? { links: { next: extra.links.next } } : {}),
  };
  const opening = JSON.stringify(head).slice(0, -1);
  return `${opening},${JSON.stringify(kind)}:[${items.join(',')}]}`;
}
