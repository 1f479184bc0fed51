import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import type { Actor } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { RequestsService } from '../requests/requests.service.js';
import type { DataRequest, RequestEvent } from '../requests/requests.types.js';
import {
  AnswerIn,
  HideIn,
  NewRequestIn,
  RefParams,
  RequestDetailOut,
  RequestListOut,
  RequestListQuery,
  type RequestOut,
  SupportOut,
} from './requests.schemas.js';

const tags = ['Demandes de données / Data requests'];

/** Requests as the API answers them, organisations by name. */
export function requestPresenter(catalog: CatalogService, baseUrl: string) {
  return async (requests: DataRequest[]): Promise<Static<typeof RequestOut>[]> => {
    const organizations = await catalog.groups.findByIds(
      requests.map((request) => request.organizationId).filter((id): id is string => id !== null),
    );
    const orgNames = new Map(organizations.map((organization) => [organization.id, organization.name]));
    return requests.map((request) => ({
      id: request.id,
      number: request.number,
      url: `${baseUrl}/fr/demandes-de-donnees/${request.number}`,
      title: request.title,
      description: request.description,
      reason: request.reason,
      organization: request.organizationId ? (orgNames.get(request.organizationId) ?? null) : null,
      author: request.author.name,
      status: request.status,
      status_reason: request.statusReason,
      dataset: request.datasetName,
      supporters: request.supporters,
      created: request.created.toISOString(),
      updated: request.updated.toISOString(),
    }));
  };
}

/** /api/v1/data-requests: ask for missing data, support, answer (publishers), moderate. */
export function requestRoutes(deps: {
  requests: RequestsService;
  catalog: CatalogService;
  baseUrl: string;
}): FastifyPluginAsyncTypebox {
  const { requests } = deps;
  const present = requestPresenter(deps.catalog, deps.baseUrl);
  const presentEvents = (events: RequestEvent[]) =>
    events.map((event) => ({
      author: event.author.name,
      official: event.official,
      status: event.status,
      message: event.message,
      dataset: event.datasetName,
      created: event.created.toISOString(),
    }));
  const detail = async (actor: Actor, ref: string) => {
    const found = await requests.get(actor, ref);
    const [request] = await present([found.request]);
    return {
      ...(request as Static<typeof RequestOut>),
      history: presentEvents(found.events),
      supported_by_me: found.supported,
      may_answer: found.mayAnswer,
    };
  };

  return async (app) => {
    app.get(
      '/data-requests',
      {
        schema: {
          tags,
          summary:
            'Data requests: filtered by status, organisation or words; most supported, newest or last answered first',
          querystring: RequestListQuery,
          response: { 200: RequestListOut, ...problemResponses },
        },
      },
      async (request) => {
        const { status, organization, q, sort, limit, offset } = request.query;
        const found = await requests.list(request.actor, {
          status: status ?? null,
          organization: organization ?? null,
          text: q ?? null,
          sort: sort ?? 'supported',
          limit: limit ?? 20,
          offset: offset ?? 0,
        });
        return { total: found.total, requests: await present(found.requests) };
      },
    );

    app.post(
      '/data-requests',
      {
        schema: {
          tags,
          summary: 'Ask for data that is missing (signed in, address confirmed); the author supports it',
          body: NewRequestIn,
          response: { 201: RequestDetailOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const created = await requests.create(request.actor, {
          title: request.body.title,
          description: request.body.description,
          reason: request.body.reason ?? null,
          organization: request.body.organization ?? null,
        });
        reply.code(201);
        return detail(request.actor, created.id);
      },
    );

    app.get(
      '/data-requests/:ref',
      {
        schema: {
          tags,
          summary: 'A data request (by number or id) with its history of answers',
          params: RefParams,
          response: { 200: RequestDetailOut, ...problemResponses },
        },
      },
      async (request) => detail(request.actor, request.params.ref),
    );

    for (const [method, supported] of [
      ['post', true],
      ['delete', false],
    ] as const) {
      app[method](
        '/data-requests/:ref/support',
        {
          schema: {
            tags,
            summary: supported
              ? 'Support a request (one vote per person; address confirmed)'
              : 'Withdraw one’s support',
            params: RefParams,
            response: { 200: SupportOut, ...problemResponses },
          },
        },
        async (request) => ({
          supporters: await requests.support(request.actor, request.params.ref, supported),
          supported_by_me: supported,
        }),
      );
    }

    app.post(
      '/data-requests/:ref/answers',
      {
        schema: {
          tags,
          summary:
            'Answer a request with a status (the organisation’s editors, the portal’s administrators): published names the dataset, refused says why. Its author and supporters are told by mail.',
          params: RefParams,
          body: AnswerIn,
          response: { 200: RequestDetailOut, ...problemResponses },
        },
      },
      async (request) => {
        await requests.answer(request.actor, request.params.ref, {
          status: request.body.status,
          message: request.body.message ?? '',
          dataset: request.body.dataset ?? null,
        });
        return detail(request.actor, request.params.ref);
      },
    );

    app.put(
      '/data-requests/:ref/hidden',
      {
        schema: {
          tags,
          summary:
            'Moderation: hide a request with a reason (null shows it again). Portal administrators only.',
          params: RefParams,
          body: HideIn,
          response: { 204: { type: 'null' }, ...problemResponses },
        },
      },
      async (request, reply) => {
        await requests.hide(request.actor, request.params.ref, request.body.reason);
        reply.code(204);
        return null;
      },
    );
  };
}
