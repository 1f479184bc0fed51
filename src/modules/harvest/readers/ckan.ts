import { excerpt, parseJson, SourceError } from '../fetch.js';
import type { HarvestedDataset, HarvestedResource } from '../harvest.types.js';
import {
  bboxOfGeoJson,
  bilingual,
  day,
  email,
  emptyDataset,
  extraKey,
  keywords,
  link,
  matchFrequency,
  text,
} from './common.js';
import type { Reader, ReaderContext, UpstreamEntry } from './reader.js';

/** CKAN's largest page. */
export const CKAN_ROWS = 1000;
/** Extras ckanext-harvest adds on the way out: never taken as the dataset's own. */
const COMPUTED_EXTRAS = new Set(['harvest_object_id', 'harvest_source_id', 'harvest_source_title']);

type Dict = Record<string, unknown>;

interface Cursor {
  /** full: every dataset whole; list: ids and dates only; changed: whole, modified since. */
  phase: 'full' | 'list' | 'changed';
  start: number;
}

/** The site's root from what an administrator typed (the site, or its /api/3/action). */
export function ckanRoot(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api(\/\d+)?(\/action)?$/, '');
}

/**
 * A CKAN site through its Action API: package_search paged by name; the first run reads every
 * dataset whole, later runs list ids and dates (fl) and read whole only those modified since the
 * last complete run (fq on metadata_modified), as ckanext-harvest's CKAN harvester does.
 */
export function ckanReader(ctx: ReaderContext): Reader {
  const root = ckanRoot(ctx.source.url);
  const filters = [
    ctx.source.filters.organization ? `organization:${solrTerm(ctx.source.filters.organization)}` : null,
    ctx.source.filters.tag ? `tags:${solrTerm(ctx.source.filters.tag)}` : null,
  ].filter((clause): clause is string => clause !== null);

  const call = async (action: string, params: Record<string, string>): Promise<unknown> => {
    const url = new URL(`${root}/api/3/action/${action}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const body = parseJson(await ctx.fetch(url.toString(), 'application/json')) as Dict;
    if (body?.success !== true || !('result' in body))
      throw new SourceError(`${url} did not answer a CKAN result (${excerpt(body?.error ?? body, 300)})`);
    return body.result;
  };

  const search = async (cursor: Cursor) => {
    const fq = [...filters];
    if (cursor.phase === 'changed' && ctx.since) fq.push(`metadata_modified:[${ctx.since} TO *]`);
    const result = (await call('package_search', {
      q: '*:*',
      ...(fq.length > 0 ? { fq: fq.join(' AND ') } : {}),
      rows: String(CKAN_ROWS),
      start: String(cursor.start),
      sort: 'name asc',
      ...(cursor.phase === 'list' ? { fl: 'id,name,metadata_modified' } : {}),
    })) as Dict;
    if (!Array.isArray(result?.results) || typeof result.count !== 'number')
      throw new SourceError(`${root}: package_search did not answer results and a count`);
    return { count: result.count, results: result.results as unknown[] };
  };

  return {
    async page(raw) {
      const cursor: Cursor = raw ? JSON.parse(raw) : { phase: ctx.since ? 'list' : 'full', start: 0 };
      const { count, results } = await search(cursor);
      const entries = results.map((result) => entryOf(root, result, cursor.phase === 'list'));
      const end = cursor.start + results.length;
      let next: Cursor | null = null;
      if (results.length > 0 && end < count) next = { phase: cursor.phase, start: end };
      else if (cursor.phase === 'list') next = { phase: 'changed', start: 0 };
      return {
        entries,
        next: next ? JSON.stringify(next) : null,
        total: cursor.phase === 'changed' ? null : count,
      };
    },
    async fetchOne(id) {
      return mapCkanPackage(root, (await call('package_show', { id })) as Dict);
    },
  };
}

function entryOf(root: string, result: unknown, listing: boolean): UpstreamEntry {
  const dict = (result ?? {}) as Dict;
  const id = text(dict.id) ?? text(dict.name);
  const modified = text(dict.metadata_modified);
  if (!id)
    return {
      id: `(sans id) ${excerpt(dict, 80)}`,
      modified,
      dataset: null,
      error: 'no id',
      raw: excerpt(dict),
    };
  // A listing answered whole (a server that ignores fl) is as good as a read.
  if (listing && !('title' in dict)) return { id, modified, dataset: null };
  try {
    return { id, modified, dataset: mapCkanPackage(root, dict) };
  } catch (error) {
    return { id, modified, dataset: null, error: (error as Error).message, raw: excerpt(dict) };
  }
}

const list = (value: unknown): Dict[] =>
  Array.isArray(value) ? value.filter((item): item is Dict => typeof item === 'object' && item !== null) : [];

/** A CKAN package dict (with ckanext-fluent's and ckanext-scheming's fields when present). */
export function mapCkanPackage(root: string, pkg: Dict): HarvestedDataset {
  const id = text(pkg.id);
  if (!id) throw new Error('the package has no id');
  const extras: Record<string, string> = {};
  for (const extra of list(pkg.extras)) {
    const key = extraKey(String(extra.key ?? ''));
    if (key && !COMPUTED_EXTRAS.has(key) && extra.value !== undefined && extra.value !== null)
      extras[key] = String(extra.value).slice(0, 10_000);
  }
  const translated = (key: string) => (pkg[`${key}_translated`] ?? {}) as Dict;
  const keywordsByLang = (pkg.keywords ?? {}) as Dict;
  const tags = Array.isArray(keywordsByLang.fr)
    ? keywordsByLang.fr
    : list(pkg.tags).map((tag) => tag.display_name ?? tag.name);
  const name = text(pkg.name);
  const dataset = emptyDataset(id);
  const title = bilingual(translated('title').fr ?? pkg.title, translated('title').en, 500);
  return {
    ...dataset,
    upstreamUrl: name ? `${root}/dataset/${encodeURIComponent(name)}` : null,
    name,
    title: title.fr || title.en ? title : { fr: name ?? id, en: null },
    notes: bilingual(translated('notes').fr ?? pkg.notes, translated('notes').en),
    tags: keywords(tags),
    keywordsEn: keywords(Array.isArray(keywordsByLang.en) ? keywordsByLang.en : []),
    license: text(pkg.license_id) ?? text(pkg.license_url) ?? text(pkg.license_title),
    landingPage: link(pkg.url),
    author: text(pkg.author, 200),
    authorEmail: email(pkg.author_email),
    maintainer: text(pkg.maintainer, 200),
    maintainerEmail: email(pkg.maintainer_email),
    version: text(pkg.version, 100),
    updateFrequency: matchFrequency(
      text(pkg.frequency) ?? text(pkg.update_frequency) ?? extras.frequency ?? null,
    ),
    temporalStart: day(pkg.temporal_start ?? extras.temporal_start),
    temporalEnd: day(pkg.temporal_end ?? extras.temporal_end),
    bbox: bboxOfGeoJson(pkg.spatial ?? extras.spatial),
    languages: (text(pkg.language) ?? '')
      .split(/[,\s]+/)
      .filter((code) => /^[a-z]{2,3}$/.test(code))
      .slice(0, 20),
    groups: list(pkg.groups)
      .map((group) => text(group.name))
      .filter((group): group is string => group !== null),
    extras,
    resources: list(pkg.resources).flatMap((resource): HarvestedResource[] => {
      const url = link(resource.url);
      if (!url) return [];
      const names = (resource.name_translated ?? {}) as Dict;
      const descriptions = (resource.description_translated ?? {}) as Dict;
      return [
        {
          url,
          name: bilingual(names.fr ?? resource.name, names.en, 500),
          description: bilingual(descriptions.fr ?? resource.description, descriptions.en, 20_000),
          format: text(resource.format, 100),
          mimetype: text(resource.mimetype, 200),
        },
      ];
    }),
  };
}

/** A Solr term, quoted when it holds anything but letters, digits, - and _. */
function solrTerm(value: string): string {
  return /^[\p{L}\p{N}_-]+$/u.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}
