import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { ANONYMOUS } from '../../accounts/index.js';
import type { CatalogService } from '../catalog.service.js';
import type { Dataset } from '../catalog.types.js';
import { catalogGraph, type SiteDescription } from '../rdf/catalog.present.js';
import { addDataset } from '../rdf/dcat.present.js';
import { GraphBuilder } from '../rdf/graph.js';
import { presentSchemaOrg } from '../rdf/schema-org.present.js';
import { toJsonLd, toRdfXml, toTurtle } from '../rdf/serialize.js';
import { searchRequest } from '../search/search.service.js';
import { problemResponses, Reference } from './v1.schemas.js';

export const CATALOG_PAGE_SIZE = 100;
/** ckanext-dcat's extensions: JSON-LD, Turtle, N3 (Turtle is N3) and RDF/XML (.rdf and .xml). */
const RDF_FORMATS = ['jsonld', 'ttl', 'n3', 'rdf', 'xml'] as const;
type RdfFormat = (typeof RDF_FORMATS)[number];
const MEDIA_TYPES: Record<RdfFormat, string> = {
  jsonld: 'application/ld+json; charset=utf-8',
  ttl: 'text/turtle; charset=utf-8',
  n3: 'text/n3; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
  xml: 'application/rdf+xml; charset=utf-8',
};

/** The format an Accept header asks for (Turtle, RDF/XML or N3), JSON-LD otherwise. */
function acceptedFormat(accept: string | undefined): RdfFormat {
  if (accept?.includes('text/turtle')) return 'ttl';
  if (accept?.includes('application/rdf+xml')) return 'rdf';
  if (accept?.includes('text/n3')) return 'n3';
  return 'jsonld';
}

const CatalogQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  modified_since: Type.Optional(Type.String({ description: 'ISO 8601 date or date-time' })),
  q: Type.Optional(Type.String()),
  fq: Type.Optional(Type.String()),
});
const RdfQuery = Type.Object({
  profiles: Type.Optional(Type.String({ description: '"schemaorg" for schema.org' })),
});

/** DCAT-AP (JSON-LD, Turtle) and schema.org for each dataset and for the whole catalogue. */
export function dcatRoutes(deps: {
  catalog: CatalogService;
  site: SiteDescription;
}): FastifyPluginAsyncTypebox {
  const { catalog, site } = deps;

  async function sendDataset(
    reply: FastifyReply,
    dataset: Dataset,
    format: RdfFormat,
    profiles: string | undefined,
  ) {
    if (format === 'jsonld' && profiles === 'schemaorg') {
      return reply
        .type('application/ld+json; charset=utf-8')
        .send(presentSchemaOrg(site.baseUrl, site, dataset));
    }
    const graph = new GraphBuilder();
    addDataset(graph, site.baseUrl, dataset);
    return sendGraph(reply, graph, format);
  }

  return async (app) => {
    // ckanext-dcat's URLs, which harvesters already know.
    for (const format of RDF_FORMATS) {
      app.get(
        `/dataset/:ref.${format}`,
        { schema: { hide: true, params: Reference, querystring: RdfQuery } },
        async (request, reply) =>
          sendDataset(
            reply,
            await catalog.datasets.get(request.actor, request.params.ref),
            format,
            request.query.profiles,
          ),
      );
      app.get(
        `/catalog.${format}`,
        { schema: { hide: true, querystring: CatalogQuery } },
        async (request, reply) =>
          sendGraph(reply, await catalogPage(request.query, format, request.url), format),
      );
    }

    app.get(
      '/api/v1/datasets/:ref/dcat',
      {
        schema: {
          tags: ['Métadonnées / Metadata (DCAT, schema.org)'],
          summary:
            'A dataset as DCAT-AP 3: JSON-LD, or Turtle, RDF/XML or N3 with "Accept: text/turtle", "application/rdf+xml" or "text/n3"',
          params: Reference,
          response: problemResponses,
        },
      },
      async (request, reply) => {
        const format = acceptedFormat(request.headers.accept);
        return sendDataset(
          reply,
          await catalog.datasets.get(request.actor, request.params.ref),
          format,
          undefined,
        );
      },
    );

    app.get(
      '/api/v1/datasets/:ref/schema-org',
      {
        schema: {
          tags: ['Métadonnées / Metadata (DCAT, schema.org)'],
          summary: 'A dataset as schema.org Dataset JSON-LD',
          params: Reference,
          response: problemResponses,
        },
      },
      async (request, reply) =>
        sendDataset(
          reply,
          await catalog.datasets.get(request.actor, request.params.ref),
          'jsonld',
          'schemaorg',
        ),
    );

    app.get(
      '/api/v1/catalog',
      {
        schema: {
          tags: ['Métadonnées / Metadata (DCAT, schema.org)'],
          summary: `The public catalogue as DCAT-AP, ${CATALOG_PAGE_SIZE} datasets a page, newest first (Hydra paging)`,
          querystring: CatalogQuery,
          response: problemResponses,
        },
      },
      async (request, reply) => {
        const format = acceptedFormat(request.headers.accept);
        return sendGraph(reply, await catalogPage(request.query, format, request.url), format);
      },
    );
  };

  /** One page of public datasets, newest first; only what anyone may see. */
  async function catalogPage(
    query: { page?: number; modified_since?: string; q?: string; fq?: string },
    format: RdfFormat,
    url: string,
  ) {
    const page = query.page ?? 1;
    const fq = query.fq ? [query.fq] : [];
    if (query.modified_since) {
      const since = new Date(query.modified_since);
      if (Number.isNaN(since.getTime())) {
        throw new ValidationError([
          {
            path: 'modified_since',
            code: 'date',
            message: localized('Date ISO 8601 invalide', 'Wrong modified date format. Use ISO-8601 format'),
          },
        ]);
      }
      fq.push(`metadata_modified:[${since.toISOString()} TO *]`);
    }
    const result = await catalog.search.search(
      ANONYMOUS,
      searchRequest({
        q: query.q ?? '',
        fq,
        sort: 'metadata_modified desc',
        rows: CATALOG_PAGE_SIZE,
        start: (page - 1) * CATALOG_PAGE_SIZE,
      }),
    );
    const base = new URL(url, site.baseUrl);
    return catalogGraph(site, {
      datasets: result.datasets,
      totalItems: result.count,
      page,
      pageSize: CATALOG_PAGE_SIZE,
      pageUrl: (number) => {
        const pageUrl = new URL(
          base.pathname.replace(/\.(jsonld|ttl|n3|rdf|xml)$/, `.${format}`),
          site.baseUrl,
        );
        for (const [key, value] of base.searchParams)
          if (key !== 'page') pageUrl.searchParams.append(key, value);
        pageUrl.searchParams.set('page', String(number));
        return pageUrl.toString();
      },
    });
  }
}

async function sendGraph(reply: FastifyReply, graph: GraphBuilder, format: RdfFormat) {
  reply.type(MEDIA_TYPES[format]);
  if (format === 'ttl' || format === 'n3') return reply.send(await toTurtle(graph.quads));
  if (format === 'rdf' || format === 'xml') return reply.send(toRdfXml(graph.quads));
  return reply.send(toJsonLd(graph.quads));
}
