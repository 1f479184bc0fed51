import { excerpt, parseJson, SourceError } from '../fetch.js';
import type { HarvestedDataset, HarvestedResource } from '../harvest.types.js';
import { emptyDataset, keywords, text } from './common.js';
import type { Reader, ReaderContext, UpstreamEntry } from './reader.js';

type Dict = Record<string, unknown>;

/** The Explore API's largest page, and the deepest offset it serves. */
const LIMIT = 100;
const MAX_OFFSET = 10_000;

export function opendatasoftRoot(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api\/explore\/v2\.[01](\/catalog(\/datasets)?)?$/, '');
}

/**
 * An Opendatasoft portal through its Explore API v2.1 catalogue, 100 datasets a page; each dataset
 * becomes links to its CSV, JSON and (when it has geometry) GeoJSON exports.
 */
export function opendatasoftReader(ctx: ReaderContext): Reader {
  const root = opendatasoftRoot(ctx.source.url);
  return {
    async page(raw) {
      const offset = raw ? Number(raw) : 0;
      const url = new URL(`${root}/api/explore/v2.1/catalog/datasets`);
      url.searchParams.set('limit', String(LIMIT));
      url.searchParams.set('offset', String(offset));
      url.searchParams.set('order_by', 'dataset_id');
      const { organization, tag } = ctx.source.filters;
      if (organization) url.searchParams.append('refine', `publisher:"${organization}"`);
      if (tag) url.searchParams.append('refine', `keyword:"${tag}"`);
      const body = parseJson(await ctx.fetch(url.toString(), 'application/json')) as Dict;
      if (!body || !Array.isArray(body.results) || typeof body.total_count !== 'number')
        throw new SourceError(`${url} is not an Explore API v2.1 catalogue (no results and total_count)`);
      const results = body.results as unknown[];
      const entries = results.map((item): UpstreamEntry => {
        const dict = (item ?? {}) as Dict;
        const id = text(dict.dataset_id);
        const meta = ((dict.metas as Dict | undefined)?.default ?? {}) as Dict;
        if (!id)
          return {
            id: `(sans id) ${excerpt(dict, 60)}`,
            modified: null,
            dataset: null,
            error: 'no dataset_id',
            raw: excerpt(dict),
          };
        return { id, modified: text(meta.modified), dataset: mapOpendatasoft(root, id, dict) };
      });
      const end = offset + results.length;
      if (results.length > 0 && end < body.total_count && end >= MAX_OFFSET)
        throw new SourceError(
          `${root} lists ${body.total_count} datasets; the Explore API serves the first ${MAX_OFFSET} only: filter the source`,
        );
      return {
        entries,
        next: results.length > 0 && end < body.total_count ? String(end) : null,
        total: body.total_count,
      };
    },
  };
}

/** Text of an HTML description (Opendatasoft keeps descriptions as HTML). */
function plain(html: string | null): string | null {
  if (html === null) return null;
  const textOnly = html
    .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return textOnly === '' ? null : textOnly;
}

export function mapOpendatasoft(root: string, id: string, dict: Dict): HarvestedDataset {
  const meta = ((dict.metas as Dict | undefined)?.default ?? {}) as Dict;
  const page = `${root}/explore/dataset/${encodeURIComponent(id)}/`;
  const exports = `${root}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(id)}/exports`;
  const features = Array.isArray(dict.features) ? dict.features.map(String) : [];
  const formats: [string, string, string][] = [
    ['csv', 'CSV', 'text/csv'],
    ['json', 'JSON', 'application/json'],
    ...(features.includes('geo')
      ? [['geojson', 'GeoJSON', 'application/geo+json'] as [string, string, string]]
      : []),
  ];
  const title = text(meta.title, 500) ?? id;
  const language = text(meta.language);
  return {
    ...emptyDataset(id),
    upstreamUrl: page,
    name: id,
    title: language === 'en' ? { fr: null, en: title } : { fr: title, en: null },
    notes:
      language === 'en'
        ? { fr: null, en: plain(text(meta.description)) }
        : { fr: plain(text(meta.description)), en: null },
    tags: keywords(Array.isArray(meta.keyword) ? meta.keyword : []),
    license: text(meta.license_url) ?? text(meta.license),
    landingPage: page,
    author: text(meta.publisher, 200),
    temporalStart: null,
    languages: language && /^[a-z]{2}$/.test(language) ? [language] : [],
    groups: (Array.isArray(meta.theme) ? meta.theme : []).map(String).slice(0, 50),
    extras: Object.fromEntries(
      [
        ['ods_dataset_uid', text(dict.dataset_uid)],
        ['ods_modified', text(meta.modified)],
        ['theme', Array.isArray(meta.theme) ? meta.theme.map(String).join(', ') : null],
        ['records_count', meta.records_count === undefined ? null : text(meta.records_count)],
      ].filter((pair): pair is [string, string] => pair[1] !== null),
    ),
    resources:
      dict.has_records === false
        ? []
        : formats.map(
            ([extension, format, mimetype]): HarvestedResource => ({
              url: `${exports}/${extension}`,
              name: { fr: `${title} (${format})`, en: null },
              description: { fr: null, en: null },
              format,
              mimetype,
            }),
          ),
  };
}
