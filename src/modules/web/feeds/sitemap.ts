import { LOCALES } from '../../../platform/i18n/index.js';
import { href, type Page, type PageParams } from '../i18n/paths.js';
import { xml } from './xml.js';

/** Datasets per sitemap file: two URLs each (French, English), under the protocol's 50,000. */
export const DATASETS_PER_SITEMAP = 20_000;

/** The index of the sitemap files (sitemaps.org protocol). */
export function sitemapIndex(baseUrl: string, datasetFiles: number): string {
  const files = [
    '/sitemaps/pages.xml',
    ...Array.from({ length: datasetFiles }, (_, index) => `/sitemaps/datasets-${index + 1}.xml`),
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files.map((file) => `  <sitemap><loc>${xml(baseUrl + file)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** Pages in both languages, each pointing to its twin (hreflang), as search engines want. */
export function urlSet(baseUrl: string, pages: { page: Page; params?: PageParams }[]): string {
  const urls = pages.flatMap(({ page, params }) => {
    const alternates = LOCALES.map(
      (locale) =>
        `    <xhtml:link rel="alternate" hreflang="${locale}" href="${xml(baseUrl + href(locale, page, params))}"/>`,
    );
    return LOCALES.map((locale) =>
      [
        `  <url>`,
        `    <loc>${xml(baseUrl + href(locale, page, params))}</loc>`,
        ...alternates,
        '  </url>',
      ].join('\n'),
    );
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
