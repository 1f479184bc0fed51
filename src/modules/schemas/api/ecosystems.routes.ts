import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFoundError, TooManyRequestsError } from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Actor, isSysadmin, roleAtLeast } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { ConsolidationService } from '../ecosystems/consolidation.service.js';
import type { EcosystemService } from '../ecosystems/ecosystems.service.js';
import type { JoinRequestService, ReportsOf } from '../partners/join-requests.service.js';
import type { JoinRequest, JoinStatus } from '../partners/join-requests.types.js';
import { presentEcosystem, presentEcosystemSummary, presentJoinRequest } from './ecosystems.present.js';
import {
  ChecklistOut,
  EcosystemBody,
  EcosystemOut,
  EcosystemSummaryOut,
  JoinRequestBody,
  JoinRequestOut,
  MemberBody,
  RefuseBody,
} from './ecosystems.schemas.js';
import { problemResponses } from './schemas.schemas.js';

const tags = ['Ecosystems'];
const Slug = Type.Object({ slug: Type.String({ maxLength: 61 }) });
const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });

/** Join requests per client and hour: enough for people, not for a flood of accounts. */
export const JOIN_REQUESTS_PER_HOUR = 5;

export interface EcosystemsApiDeps {
  ecosystems: EcosystemService;
  consolidation: ConsolidationService;
  partners: JoinRequestService;
  catalog: CatalogService;
  reports: ReportsOf;
  /** Join requests per client, shared with the join page. */
  joinLimiter: RateLimiter;
  baseUrl: string;
}

/** /api/v1/ecosystems, /api/v1/join-requests and an organisation's onboarding checklist. */
export function ecosystemsApi(deps: EcosystemsApiDeps): FastifyPluginAsyncTypebox {
  const { ecosystems, consolidation, partners, catalog, baseUrl } = deps;
  const { joinLimiter } = deps;
  const present = async (actor: Actor, request: JoinRequest) => {
    const organization = request.organizationId
      ? ((await catalog.groups.findByIds([request.organizationId]))[0]?.name ?? null)
      : null;
    return presentJoinRequest(request, await partners.events(actor, request.id), organization);
  };

  return async (app) => {
    app.get(
      '/ecosystems',
      {
        schema: {
          tags,
          summary: 'The ecosystems',
          response: { 200: Type.Array(EcosystemSummaryOut), ...problemResponses },
        },
      },
      async () => {
        const all = await ecosystems.list();
        const leads = await catalog.groups.findByIds(all.map((e) => e.leadOrganizationId));
        return Promise.all(
          all.map(async (e) =>
            presentEcosystemSummary(
              e,
              leads.find((g) => g.id === e.leadOrganizationId),
              await ecosystems.schemasOf(e.slug),
              baseUrl,
            ),
          ),
        );
      },
    );
    app.get(
      '/ecosystems/:slug',
      {
        schema: {
          tags,
          summary:
            'An ecosystem: governance, schemas, the member files that follow them (those the caller may see), consolidated tables',
          params: Slug,
          response: { 200: EcosystemOut, ...problemResponses },
        },
      },
      async (request) =>
        presentEcosystem(await ecosystems.overview(request.actor, request.params.slug), baseUrl),
    );
    app.put(
      '/ecosystems/:slug',
      {
        schema: {
          tags,
          summary: 'Create or update an ecosystem (sysadmins)',
          params: Slug,
          body: EcosystemBody,
          response: { 200: EcosystemOut, ...problemResponses },
        },
      },
      async (request) => {
        const body = request.body;
        await ecosystems.put(request.actor, {
          slug: request.params.slug,
          ...body,
          title: { fr: body.title.fr, en: body.title.en || body.title.fr },
          purpose: { fr: body.purpose.fr, en: body.purpose.en || body.purpose.fr },
          governance: { fr: body.governance.fr, en: body.governance.en || body.governance.fr },
        });
        return presentEcosystem(await ecosystems.overview(request.actor, request.params.slug), baseUrl);
      },
    );
    app.put(
      '/ecosystems/:slug/members/:organization',
      {
        schema: {
          tags,
          summary:
            'Add an organisation to an ecosystem or change its role (sysadmins, the lead organisation’s admins)',
          params: Type.Object({
            slug: Type.String({ maxLength: 61 }),
            organization: Type.String({ maxLength: 100 }),
          }),
          body: MemberBody,
          response: { 200: EcosystemOut, ...problemResponses },
        },
      },
      async (request) => {
        await ecosystems.putMember(request.actor, request.params.slug, {
          organization: request.params.organization,
          role: request.body.role,
          contact: request.body.contact ?? null,
        });
        await consolidation.rebuildAll();
        return presentEcosystem(await ecosystems.overview(request.actor, request.params.slug), baseUrl);
      },
    );
    app.delete(
      '/ecosystems/:slug/members/:organization',
      {
        schema: {
          tags,
          summary: 'Remove an organisation from an ecosystem',
          params: Type.Object({
            slug: Type.String({ maxLength: 61 }),
            organization: Type.String({ maxLength: 100 }),
          }),
          response: { 200: EcosystemOut, ...problemResponses },
        },
      },
      async (request) => {
        await ecosystems.removeMember(request.actor, request.params.slug, request.params.organization);
        await consolidation.rebuildAll();
        return presentEcosystem(await ecosystems.overview(request.actor, request.params.slug), baseUrl);
      },
    );
    app.post(
      '/ecosystems/:slug/consolidations/:schema',
      {
        schema: {
          tags,
          summary:
            'Rebuild a consolidated table now (sysadmins, the lead organisation’s admins); it is rebuilt by itself when a member file changes',
          params: Type.Object({
            slug: Type.String({ maxLength: 61 }),
            schema: Type.String({ maxLength: 61 }),
          }),
          response: { 200: EcosystemOut, ...problemResponses },
        },
      },
      async (request) => {
        const ecosystem = await ecosystems.get(request.params.slug);
        if (
          !isSysadmin(request.actor) &&
          !roleAtLeast(request.actor.memberships.get(ecosystem.leadOrganizationId), 'admin')
        )
          throw new NotFoundError('ecosystem', request.params.slug);
        const shared = await ecosystems.schemasOf(request.params.slug);
        if (!shared.some((schema) => schema.name === request.params.schema))
          throw new NotFoundError(
            'schema',
            request.params.schema,
            localized('Schéma introuvable dans cet écosystème', 'Schema not in this ecosystem'),
          );
        await consolidation.consolidate(request.params.slug, request.params.schema);
        return presentEcosystem(await ecosystems.overview(request.actor, request.params.slug), baseUrl);
      },
    );

    app.post(
      '/join-requests',
      {
        schema: {
          tags,
          summary: `Ask for an organisation to join the portal (anyone; without an account, one is created with the email and password: sign in with them). ${JOIN_REQUESTS_PER_HOUR} per client and hour.`,
          body: JoinRequestBody,
          response: { 201: JoinRequestOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const wait = await joinLimiter.take(request.actor.user?.id ?? request.ip);
        if (wait > 0)
          throw new TooManyRequestsError(
            localized('Trop de demandes : réessayez plus tard.', 'Too many requests: try again later.'),
            wait,
          );
        const body = request.body;
        const created = await partners.submit(request.actor, {
          ...body,
          municipalityCode: body.municipalityCode ?? null,
          password: body.password ?? null,
          ecosystem: body.ecosystem ?? null,
        });
        // The requester may not be signed in yet (a new account): the answer shows the request now.
        return reply
          .code(201)
          .send(presentJoinRequest(created, await partners.repo.events(created.id), null));
      },
    );
    app.get(
      '/join-requests',
      {
        schema: {
          tags,
          summary: 'Join requests (sysadmins), waiting ones first',
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')]),
            ),
          }),
          response: { 200: Type.Array(JoinRequestOut), ...problemResponses },
        },
      },
      async (request) => {
        const list = await partners.list(request.actor, (request.query.status ?? null) as JoinStatus | null);
        return Promise.all(list.map((item) => present(request.actor, item)));
      },
    );
    app.get(
      '/join-requests/mine',
      {
        schema: {
          tags,
          summary: 'The caller’s own join requests',
          response: { 200: Type.Array(JoinRequestOut), ...problemResponses },
        },
      },
      async (request) =>
        Promise.all((await partners.mine(request.actor)).map((item) => present(request.actor, item))),
    );
    app.get(
      '/join-requests/:id',
      {
        schema: {
          tags,
          summary: 'A join request and its steps (its requester, sysadmins)',
          params: Id,
          response: { 200: JoinRequestOut, ...problemResponses },
        },
      },
      async (request) => present(request.actor, await partners.get(request.actor, request.params.id)),
    );
    app.post(
      '/join-requests/:id/approve',
      {
        schema: {
          tags,
          summary:
            'Approve (sysadmins): the organisation is created, the requester becomes its admin, the ecosystem asked for is joined',
          params: Id,
          response: { 200: JoinRequestOut, ...problemResponses },
        },
      },
      async (request) => {
        const approved = await partners.approve(request.actor, request.params.id);
        return present(request.actor, approved);
      },
    );
    app.post(
      '/join-requests/:id/refuse',
      {
        schema: {
          tags,
          summary: 'Refuse with a reason the requester reads (sysadmins)',
          params: Id,
          body: RefuseBody,
          response: { 200: JoinRequestOut, ...problemResponses },
        },
      },
      async (request) =>
        present(request.actor, await partners.refuse(request.actor, request.params.id, request.body.reason)),
    );
    app.get(
      '/organizations/:id/onboarding',
      {
        schema: {
          tags,
          summary: 'The steps to a first published dataset with a schema (the organisation’s members)',
          params: Id,
          response: { 200: ChecklistOut, ...problemResponses },
        },
      },
      async (request) => {
        const group = await catalog.groups.find('organization', request.params.id);
        if (!group || (!isSysadmin(request.actor) && !request.actor.memberships.has(group.id)))
          throw new NotFoundError('organization', request.params.id);
        return partners.checklist(request.actor, group.id, deps.reports);
      },
    );
  };
}
