import { excerpt, parseJson, SourceError } from '../fetch.js';
import type { HarvestedDataset, HarvestedResource } from '../harvest.types.js';
import { bilingual, day, email, emptyDataset, keywords, link, matchFrequency, text } from './common.js';
import type { Reader, ReaderContext, UpstreamEntry } from './reader.js';

type Dict = Record<string, unknown>;

/**
 * A DCAT-US 1.1 `data.json` (what ArcGIS Hub and Socrata publish): one document, every dataset in
 * it; only those whose accessLevel is public are read.
 */
export function dcatUsReader(ctx: ReaderContext): Reader {
  return {
    async page() {
      const body = parseJson(await ctx.fetch(ctx.source.url, 'application/json')) as Dict;
      if (!body || !Array.isArray(body.dataset))
        throw new SourceError(`${ctx.source.url} is not a data.json catalogue (no "dataset" list)`);
      const { organization, tag } = ctx.source.filters;
      const entries: UpstreamEntry[] = [];
      for (const item of body.dataset as unknown[]) {
        const dict = (item ?? {}) as Dict;
        const id = text(dict.identifier);
        if (!id) {
          entries.push({
            id: `(sans identifiant) ${excerpt(dict, 60)}`,
            modified: null,
            dataset: null,
            error: 'no identifier',
            raw: excerpt(dict),
          });
          continue;
        }
        if (text(dict.accessLevel) && text(dict.accessLevel) !== 'public') continue;
        const publisher = text((dict.publisher as Dict | undefined)?.name);
        if (organization && publisher !== organization) continue;
        if (tag && !(Array.isArray(dict.keyword) && dict.keyword.includes(tag))) continue;
        entries.push({ id, modified: text(dict.modified), dataset: mapDataJson(id, dict) });
      }
      return { entries, next: null, total: entries.length };
    },
  };
}

export function mapDataJson(id: string, dict: Dict): HarvestedDataset {
  const contact = (dict.contactPoint ?? {}) as Dict;
  const publisher = (dict.publisher ?? {}) as Dict;
  const [start, end] = (text(dict.temporal) ?? '').split('/');
  const landing = link(dict.landingPage);
  return {
    ...emptyDataset(id),
    upstreamUrl: landing ?? link(id),
    title: bilingual(dict.title, null, 500),
    notes: bilingual(dict.description, null),
    tags: keywords(Array.isArray(dict.keyword) ? dict.keyword : []),
    license: text(dict.license),
    landingPage: landing,
    author: text(publisher.name, 200),
    maintainer: text(contact.fn, 200),
    maintainerEmail: email(contact.hasEmail),
    updateFrequency: matchFrequency(text(dict.accrualPeriodicity)),
    temporalStart: day(start),
    temporalEnd: day(end),
    languages: (Array.isArray(dict.language) ? dict.language : [])
      .map((code) => String(code).slice(0, 2).toLowerCase())
      .filter((code) => /^[a-z]{2}$/.test(code)),
    groups: (Array.isArray(dict.theme) ? dict.theme : []).map(String).slice(0, 50),
    extras: Object.fromEntries(
      [
        ['dcat_us_identifier', text(dict.identifier)],
        ['spatial_text', text(dict.spatial, 10_000)],
        ['theme', Array.isArray(dict.theme) ? dict.theme.map(String).join(', ') : null],
      ].filter((pair): pair is [string, string] => pair[1] !== null),
    ),
    resources: (Array.isArray(dict.distribution) ? dict.distribution : []).flatMap(
      (item): HarvestedResource[] => {
        const distribution = (item ?? {}) as Dict;
        const url = link(distribution.downloadURL) ?? link(distribution.accessURL);
        if (!url) return [];
        return [
          {
            url,
            name: bilingual(distribution.title, null, 500),
            description: bilingual(distribution.description, null, 20_000),
            format: text(distribution.format, 100),
            mimetype: text(distribution.mediaType, 200),
          },
        ];
      },
    ),
  };
}
