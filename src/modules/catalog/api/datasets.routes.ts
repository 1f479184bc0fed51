import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { isCrawler } from '../../../platform/http/robots.js';
import type { CatalogService } from '../catalog.service.js';
import { datasetLinks } from '../links.js';
import { queryError } from '../search/query-syntax.js';
import { FACET_FIELDS, type FacetField } from '../search/search.repo.js';
import type { SearchRequest } from '../search/search.service.js';
import { bodyFromDataset, datasetInputFromBody } from './v1.input.js';
import { presentActivity, presentDataset, presentSearch } from './v1.present.js';
import {
  ActivityOut,
  DatasetBody,
  DatasetOut,
  DatasetPatchBody,
  ListQuery,
  problemResponses,
  Reference,
  SearchOut,
  SearchQuery,
} from './v1.schemas.js';

export interface ApiDeps {
  catalog: CatalogService;
  baseUrl: string;
}

const tags = ['Jeux de données / Datasets'];

export function datasetRoutes({ catalog, baseUrl }: ApiDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/datasets',
      {
        schema: {
          tags,
          summary: 'Search datasets (French and English full-text search, facets)',
          querystring: SearchQuery,
          response: { 200: SearchOut, ...problemResponses },
        },
      },
      async (request) => {
        const result = await catalog.search.search(request.actor, searchRequestFrom(request.query));
        const body: Static<typeof SearchOut> = presentSearch(baseUrl, result);
        if (result.count === 0 && request.query.q?.trim()) {
          const suggestions = await catalog.search.suggest(request.actor, request.query.q, 5);
          body.suggestions = {
            corrected_query: suggestions.correctedQuery,
            datasets: suggestions.datasets.map(({ name, title }) => ({ name, title })),
          };
        }
        return body;
      },
    );

    app.post(
      '/datasets',
      {
        schema: {
          tags,
          summary: 'Create a dataset',
          body: DatasetBody,
          response: { 201: DatasetOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const dataset = await catalog.datasets.create(request.actor, datasetInputFromBody(request.body));
        return reply
          .code(201)
          .header('Location', datasetLinks(baseUrl, dataset).self)
          .send(presentDataset(baseUrl, dataset));
      },
    );

    app.get(
      '/datasets/:ref',
      {
        schema: {
          tags,
          summary: 'Show a dataset',
          params: Reference,
          response: { 200: DatasetOut, ...problemResponses },
        },
      },
      async (request) => {
        const dataset = await catalog.datasets.get(request.actor, request.params.ref);
        if (!isCrawler(request.headers['user-agent'])) catalog.pageViews.count('api', dataset.id);
        return presentDataset(baseUrl, dataset);
      },
    );

    app.put(
      '/datasets/:ref',
      {
        schema: {
          tags,
          summary:
            'Replace a dataset (fields left out are emptied; organisation, privacy, state and resources are kept)',
          params: Reference,
          body: DatasetBody,
          response: { 200: DatasetOut, ...problemResponses },
        },
      },
      async (request) => {
        const input = datasetInputFromBody(request.body);
        return presentDataset(
          baseUrl,
          await catalog.datasets.update(request.actor, request.params.ref, input),
        );
      },
    );

    app.patch(
      '/datasets/:ref',
      {
        schema: {
          tags,
          summary: 'Change some fields of a dataset',
          params: Reference,
          body: DatasetPatchBody,
          response: { 200: DatasetOut, ...problemResponses },
        },
      },
      async (request) => {
        const current = presentDataset(
          baseUrl,
          await catalog.datasets.get(request.actor, request.params.ref),
        );
        const input = datasetInputFromBody({ ...bodyFromDataset(current), ...request.body });
        return presentDataset(baseUrl, await catalog.datasets.update(request.actor, current.id, input));
      },
    );

    app.delete(
      '/datasets/:ref',
      {
        schema: {
          tags,
          summary: 'Delete a dataset (it can be restored by a sysadmin)',
          params: Reference,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await catalog.datasets.delete(request.actor, request.params.ref);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/datasets/:ref/activity',
      {
        schema: {
          tags,
          summary: 'What changed in a dataset, newest first',
          params: Reference,
          querystring: ListQuery,
          response: { 200: Type.Array(ActivityOut), ...problemResponses },
        },
      },
      async (request) => {
        const page = { limit: request.query.limit ?? 100, offset: request.query.offset ?? 0 };
        const activities = await catalog.activity.forDataset(request.actor, request.params.ref, page);
        return activities.map(presentActivity);
      },
    );
  };
}

const FILTER_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'quality'] as const;

/** The REST query as a search request; simple filters become `field:"value"` clauses. */
export function searchRequestFrom(query: SearchQuery): SearchRequest {
  const fq = [...(query.fq ?? [])];
  for (const field of FILTER_FIELDS) {
    for (const value of query[field] ?? []) fq.push(`${field}:"${value.replaceAll('"', '')}"`);
  }
  const facets = query.facet ?? [...FACET_FIELDS];
  for (const field of facets) {
    if (!(FACET_FIELDS as readonly string[]).includes(field))
      throw queryError(`unknown facet field ${field}`);
  }
  const facetLimit = query.facet_limit ?? 50;
  return {
    q: query.q ?? '',
    fq,
    sort: query.sort ?? null,
    rows: query.limit ?? 20,
    start: query.offset ?? 0,
    facetFields: facets as FacetField[],
    facetLimit: facetLimit < 0 ? null : facetLimit,
    includePrivate: query.include_private ?? true,
    includeDrafts: query.include_drafts ?? false,
    includeDeleted: false,
  };
}
