import { DataFactory, type Quad_Object, type Quad_Subject, type Store } from 'n3';
import { excerpt, SourceError } from '../fetch.js';
import type { HarvestedDataset, HarvestedResource } from '../harvest.types.js';
import { bboxOfGeoJson, day, email, emptyDataset, keywords, link, matchFrequency, text } from './common.js';
import { parseRdf } from './rdf-parse.js';
import type { Reader, ReaderContext, UpstreamEntry } from './reader.js';

const { namedNode } = DataFactory;
const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  owl: 'http://www.w3.org/2002/07/owl#',
  schema: 'http://schema.org/',
};
const ACCEPT =
  'text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7';
/** Pages a run follows at most (a loop of next pages ends here). */
const MAX_PAGES = 10_000;

/**
 * A DCAT catalogue (DCAT-AP, ckanext-dcat, data.europa.eu) as Turtle, RDF/XML or JSON-LD, page by
 * page through Hydra's next (or ckanext-dcat's nextPage).
 */
export function dcatReader(ctx: ReaderContext): Reader {
  const seen = new Set<string>();
  return {
    async page(cursor) {
      const url = cursor ?? ctx.source.url;
      if (seen.has(url) || seen.size >= MAX_PAGES)
        throw new SourceError(`${url}: the pages loop back on themselves`);
      seen.add(url);
      const store = await parseRdf(await ctx.fetch(url, ACCEPT));
      const graph = new Graph(store);
      const { organization, tag } = ctx.source.filters;
      const entries: UpstreamEntry[] = [];
      for (const node of store.getSubjects(
        namedNode(`${NS.rdf}type`),
        namedNode(`${NS.dcat}Dataset`),
        null,
      )) {
        const id =
          graph.literal(node, 'dct:identifier') ?? (node.termType === 'NamedNode' ? node.value : null);
        if (!id) {
          entries.push({
            id: `(sans identifiant) ${node.value}`,
            modified: null,
            dataset: null,
            error: 'no dct:identifier',
            raw: excerpt(graph.describe(node)),
          });
          continue;
        }
        const dataset = mapDcatDataset(graph, node, id);
        if (organization && dataset.author !== organization) continue;
        if (tag && !dataset.tags.includes(tag) && !dataset.keywordsEn.includes(tag)) continue;
        entries.push({ id, modified: graph.literal(node, 'dct:modified'), dataset });
      }
      const next = graph.firstOf(null, ['hydra:next', 'hydra:nextPage']);
      const totalText = graph.firstOf(null, ['hydra:totalItems']);
      return {
        entries,
        next: next ? new URL(next, url).toString() : null,
        total: totalText && /^\d+$/.test(totalText) ? Number(totalText) : null,
      };
    },
  };
}

type Curie = `${keyof typeof NS}:${string}`;
const iri = (curie: Curie) => {
  const [prefix, local] = curie.split(':') as [keyof typeof NS, string];
  return NS[prefix] + local;
};

/** Small reads over a parsed document. */
class Graph {
  constructor(readonly store: Store) {}

  objects(subject: Quad_Subject | Quad_Object, predicate: Curie): Quad_Object[] {
    return this.store.getObjects(subject as Quad_Subject, namedNode(iri(predicate)), null);
  }

  /** The first literal (or IRI) value, any language. */
  literal(subject: Quad_Subject | Quad_Object, predicate: Curie): string | null {
    return text(this.objects(subject, predicate)[0]?.value);
  }

  /** Literals by language: French (or no language) and English. */
  texts(subject: Quad_Subject, predicate: Curie): { fr: string[]; en: string[] } {
    const out = { fr: [] as string[], en: [] as string[] };
    for (const object of this.objects(subject, predicate)) {
      if (object.termType !== 'Literal') continue;
      const language = object.language.slice(0, 2).toLowerCase();
      if (language === 'en') out.en.push(object.value);
      else if (language === 'fr' || language === '') out.fr.push(object.value);
    }
    return out;
  }

  /** The first value of any of the predicates on any subject (or on `subject`). */
  firstOf(subject: Quad_Subject | null, predicates: Curie[]): string | null {
    for (const predicate of predicates) {
      const [object] = this.store.getObjects(subject, namedNode(iri(predicate)), null);
      if (object) return object.value;
    }
    return null;
  }

  describe(subject: Quad_Subject): string {
    return this.store
      .getQuads(subject, null, null, null)
      .map((quad) => `${quad.predicate.value} ${quad.object.value}`)
      .join('\n');
  }
}

/** The last segment of an authority IRI (…/language/FRA → FRA), or the text itself. */
const tail = (value: string | null) => (value === null ? null : (value.split(/[/#]/).pop() ?? value));
const LANGUAGES: Record<string, string> = { FRA: 'fr', ENG: 'en', FR: 'fr', EN: 'en' };

function bboxOfWkt(value: string | null) {
  if (value === null) return null;
  if (value.trim().startsWith('{')) return bboxOfGeoJson(value);
  const numbers = [...value.replace(/^<[^>]*>/, '').matchAll(/-?\d+(?:\.\d+)?/g)].map((match) =>
    Number(match[0]),
  );
  if (numbers.length < 4 || numbers.length % 2 !== 0) return null;
  const points: number[][] = [];
  for (let i = 0; i < numbers.length; i += 2) points.push([numbers[i] as number, numbers[i + 1] as number]);
  return bboxOfGeoJson({ type: 'MultiPoint', coordinates: points });
}

export function mapDcatDataset(graph: Graph, node: Quad_Subject, id: string): HarvestedDataset {
  const titles = graph.texts(node, 'dct:title');
  const descriptions = graph.texts(node, 'dct:description');
  const words = graph.texts(node, 'dcat:keyword');
  const landingPages = graph.objects(node, 'dcat:landingPage').map((object) => object.value);
  const publisher = graph.objects(node, 'dct:publisher')[0];
  const contact = graph.objects(node, 'dcat:contactPoint')[0];
  const temporal = graph.objects(node, 'dct:temporal')[0];
  const spatial = graph.objects(node, 'dct:spatial')[0];
  const distributions = graph.objects(node, 'dcat:distribution');
  const license =
    graph.literal(node, 'dct:license') ??
    distributions.map((distribution) => graph.literal(distribution, 'dct:license')).find(Boolean) ??
    null;
  const own = node.termType === 'NamedNode' ? link(node.value) : null;
  return {
    ...emptyDataset(id),
    upstreamUrl: own ?? link(landingPages[0]),
    title: {
      fr: text(titles.fr[0], 500) ?? (titles.en.length === 0 ? id : null),
      en: text(titles.en[0], 500),
    },
    notes: { fr: text(descriptions.fr[0]), en: text(descriptions.en[0]) },
    tags: keywords(words.fr),
    keywordsEn: keywords(words.en),
    groups: graph
      .objects(node, 'dcat:theme')
      .map((object) => object.value)
      .slice(0, 50),
    license,
    landingPage: link(landingPages.find((page) => page !== own) ?? landingPages[0]),
    author: publisher ? text(graph.literal(publisher, 'foaf:name'), 200) : null,
    maintainer: contact ? text(graph.literal(contact, 'vcard:fn'), 200) : null,
    maintainerEmail: contact ? email(graph.literal(contact, 'vcard:hasEmail')) : null,
    version: text(graph.literal(node, 'dcat:version') ?? graph.literal(node, 'owl:versionInfo'), 100),
    updateFrequency: matchFrequency(graph.literal(node, 'dct:accrualPeriodicity')),
    temporalStart: temporal
      ? day(graph.literal(temporal, 'dcat:startDate') ?? graph.literal(temporal, 'schema:startDate'))
      : null,
    temporalEnd: temporal
      ? day(graph.literal(temporal, 'dcat:endDate') ?? graph.literal(temporal, 'schema:endDate'))
      : null,
    bbox: spatial ? bboxOfWkt(graph.literal(spatial, 'dcat:bbox')) : null,
    languages: graph
      .objects(node, 'dct:language')
      .map((object) => LANGUAGES[(tail(object.value) ?? '').toUpperCase()])
      .filter((code): code is string => code !== undefined),
    resources: distributions.flatMap((distribution): HarvestedResource[] => {
      const url = link(
        graph.literal(distribution, 'dcat:downloadURL') ?? graph.literal(distribution, 'dcat:accessURL'),
      );
      if (!url) return [];
      const distributionTitles = graph.texts(distribution as Quad_Subject, 'dct:title');
      const distributionNotes = graph.texts(distribution as Quad_Subject, 'dct:description');
      const mediaType = graph.literal(distribution, 'dcat:mediaType');
      return [
        {
          url,
          name: { fr: text(distributionTitles.fr[0], 500), en: text(distributionTitles.en[0], 500) },
          description: {
            fr: text(distributionNotes.fr[0], 20_000),
            en: text(distributionNotes.en[0], 20_000),
          },
          format: text(tail(graph.literal(distribution, 'dct:format')), 100),
          mimetype: text(
            mediaType?.replace(/^https?:\/\/www\.iana\.org\/assignments\/media-types\//, '') ?? null,
            200,
          ),
        },
      ];
    }),
  };
}
