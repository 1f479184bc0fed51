import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AccountsService } from '../../accounts/index.js';
import { ROLES } from '../../accounts/index.js';
import type { CatalogService } from '../catalog.service.js';
import type { GroupKind } from '../groups/group.service.js';
import { groupInputFromBody } from './v1.input.js';
import { presentActivity, presentGroup, presentGroupListing } from './v1.present.js';
import { ActivityOut, GroupBody, GroupOut, ListQuery, problemResponses, Reference } from './v1.schemas.js';

const SORTS = { title: 'title', name: 'name', dataset_count: 'package_count' } as const;

/** `/organizations` (publishers) and `/groups` (themes): the same operations on both. */
export function groupRoutes(
  kind: GroupKind,
  { catalog }: { catalog: CatalogService },
): FastifyPluginAsyncTypebox {
  const path = kind === 'organization' ? '/organizations' : '/groups';
  const tags = [kind === 'organization' ? 'Organisations' : 'Thèmes / Groups'];

  return async (app) => {
    app.get(
      path,
      {
        schema: {
          tags,
          summary: `List ${kind}s with their number of datasets`,
          querystring: ListQuery,
          response: { 200: Type.Array(GroupOut), ...problemResponses },
        },
      },
      async (request) => {
        const { limit = 100, offset = 0, sort = 'title' } = request.query;
        const listings = await catalog.groups.list(request.actor, kind, {
          names: null,
          sort: SORTS[sort],
          direction: sort === 'dataset_count' ? 'desc' : 'asc',
          limit,
          offset,
        });
        return listings.map(presentGroupListing);
      },
    );

    app.post(
      path,
      {
        schema: {
          tags,
          summary: `Create a ${kind} (sysadmins)`,
          body: GroupBody,
          response: { 201: GroupOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const group = await catalog.groups.create(request.actor, kind, groupInputFromBody(request.body));
        return reply.code(201).send(presentGroup(group));
      },
    );

    app.get(
      `${path}/:ref`,
      {
        schema: {
          tags,
          summary: `Show a ${kind}`,
          params: Reference,
          response: { 200: GroupOut, ...problemResponses },
        },
      },
      async (request) => presentGroup(await catalog.groups.require(kind, request.params.ref)),
    );

    app.put(
      `${path}/:ref`,
      {
        schema: {
          tags,
          summary: `Replace a ${kind}`,
          params: Reference,
          body: GroupBody,
          response: { 200: GroupOut, ...problemResponses },
        },
      },
      async (request) =>
        presentGroup(
          await catalog.groups.update(
            request.actor,
            kind,
            request.params.ref,
            groupInputFromBody(request.body),
          ),
        ),
    );

    app.get(
      `${path}/:ref/activity`,
      {
        schema: {
          tags,
          summary: `What changed in a ${kind} and its datasets, newest first`,
          params: Reference,
          querystring: ListQuery,
          response: { 200: Type.Array(ActivityOut), ...problemResponses },
        },
      },
      async (request) => {
        const page = { limit: request.query.limit ?? 100, offset: request.query.offset ?? 0 };
        return (await catalog.activity.forGroup(request.actor, kind, request.params.ref, page)).map(
          presentActivity,
        );
      },
    );
  };
}

const Member = Type.Object({
  user: Type.String(),
  fullname: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.Literal('member'), Type.Literal('editor'), Type.Literal('admin')], {
    description: ROLES.join(', '),
  }),
});
const MemberParams = Type.Object({ ref: Type.String(), user: Type.String() });

/** Who belongs to an organisation, with which role (admin, editor, member). */
export function memberRoutes(deps: {
  catalog: CatalogService;
  accounts: AccountsService;
}): FastifyPluginAsyncTypebox {
  const tags = ['Organisations'];
  return async (app) => {
    app.get(
      '/organizations/:ref/members',
      {
        schema: {
          tags,
          summary: "List an organisation's members (its members and sysadmins only)",
          params: Reference,
          response: { 200: Type.Array(Member), ...problemResponses },
        },
      },
      async (request) => {
        const organization = await deps.catalog.groups.require('organization', request.params.ref);
        const members = await deps.accounts.listMembersFor(request.actor, organization.id);
        return members.map((member) => ({
          user: member.userName,
          fullname: member.fullname,
          role: member.role,
        }));
      },
    );

    app.put(
      '/organizations/:ref/members/:user',
      {
        schema: {
          tags,
          summary: 'Give a user a role in an organisation (its admins and sysadmins)',
          params: MemberParams,
          body: Type.Object({ role: Member.properties.role }),
          response: { 200: Member, ...problemResponses },
        },
      },
      async (request) => {
        const organization = await deps.catalog.groups.require('organization', request.params.ref);
        const member = await deps.accounts.setMembership(request.actor, {
          organizationId: organization.id,
          user: request.params.user,
          role: request.body.role,
        });
        return { user: member.userName, fullname: member.fullname, role: member.role };
      },
    );

    app.delete(
      '/organizations/:ref/members/:user',
      {
        schema: {
          tags,
          summary: 'Remove a member',
          params: MemberParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const organization = await deps.catalog.groups.require('organization', request.params.ref);
        await deps.accounts.removeMembership(request.actor, {
          organizationId: organization.id,
          user: request.params.user,
        });
        return reply.code(204).send(null);
      },
    );
  };
}
