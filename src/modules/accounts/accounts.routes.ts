import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { UnauthorizedError } from '../../platform/http/errors.js';
import { ProblemOut as Problem } from '../../platform/http/problem-schema.js';
import { localized } from '../../platform/i18n/index.js';
import type { AccountsService } from './accounts.service.js';
import type { ApiToken, User } from './accounts.types.js';
import { basicCredentials } from './actor.hook.js';
import { type Actor, isSysadmin } from './actor.js';

const tags = ['Comptes / Accounts'];
const Nullable = Type.Union([Type.String(), Type.Null()]);

const UserOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  fullname: Nullable,
  about: Nullable,
  email: Type.Optional(Nullable),
  sysadmin: Type.Boolean(),
  created: Type.String({ format: 'date-time' }),
});
const TokenOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created: Type.String({ format: 'date-time' }),
  last_used: Nullable,
  expires_at: Nullable,
});

/** Email addresses are shown to their owner and to sysadmins only. */
export function presentUser(user: User, viewer: Actor) {
  const own = viewer.user?.id === user.id || isSysadmin(viewer);
  return {
    id: user.id,
    name: user.name,
    fullname: user.fullname,
    about: user.about,
    ...(own ? { email: user.email } : {}),
    sysadmin: user.sysadmin,
    created: user.created.toISOString(),
  };
}

function presentToken(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    created: token.created.toISOString(),
    last_used: token.lastUsed?.toISOString() ?? null,
    expires_at: token.expiresAt?.toISOString() ?? null,
  };
}

/** The actor named by HTTP Basic credentials, to obtain a first token; anonymous when there are none. */
async function actorFromPassword(accounts: AccountsService, request: FastifyRequest): Promise<Actor> {
  const credentials = basicCredentials(request);
  if (!credentials) return request.actor;
  const user = await accounts.authenticatePassword(credentials.login, credentials.password, {
    client: request.ip,
    device: null,
  });
  if (!user) {
    throw new UnauthorizedError(localized('Nom ou mot de passe incorrect.', 'Wrong name or password.'));
  }
  return accounts.actorForUser(user);
}

function signedIn(actor: Actor): string {
  if (!actor.user)
    throw new UnauthorizedError(localized('Identifiez-vous avec un jeton.', 'Sign in with an API token.'));
  return actor.user.id;
}

export function accountRoutes({ accounts }: { accounts: AccountsService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/users/me',
      { schema: { tags, summary: 'The signed-in user', response: { 200: UserOut, 401: Problem } } },
      async (request) => presentUser(await accounts.requireUser(signedIn(request.actor)), request.actor),
    );

    app.get(
      '/users/:ref',
      {
        schema: {
          tags,
          summary: 'A user, by name or id',
          params: Type.Object({ ref: Type.String() }),
          response: { 200: UserOut, 404: Problem },
        },
      },
      async (request) => presentUser(await accounts.requireUser(request.params.ref), request.actor),
    );

    app.post(
      '/users',
      {
        schema: {
          tags,
          summary: 'Create a user (sysadmins)',
          body: Type.Object({
            name: Type.String(),
            email: Type.Optional(Nullable),
            fullname: Type.Optional(Nullable),
            about: Type.Optional(Nullable),
            password: Type.Optional(Nullable),
            sysadmin: Type.Optional(Type.Boolean()),
          }),
          response: { 201: UserOut, 403: Problem, 422: Problem },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const user = await accounts.createUser(request.actor, {
          name: body.name.trim(),
          email: body.email?.trim() || null,
          fullname: body.fullname?.trim() || null,
          about: body.about?.trim() || null,
          password: body.password ?? null,
          sysadmin: body.sysadmin ?? false,
        });
        return reply.code(201).send(presentUser(user, request.actor));
      },
    );

    app.get(
      '/tokens',
      {
        schema: {
          tags,
          summary: "The signed-in user's API tokens (never the secrets)",
          response: { 200: Type.Array(TokenOut), 401: Problem },
        },
      },
      async (request) =>
        (await accounts.listTokens(request.actor, signedIn(request.actor))).map(presentToken),
    );

    app.post(
      '/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token; the secret is in this response only',
          description:
            'Authenticate with an existing token, or with your name (or email) and password as HTTP Basic ' +
            'credentials to get a first token: `curl -u name:password -X POST …/api/v1/tokens`. ' +
            'Ten wrong passwords within 15 minutes block further attempts for a while (429).',
          security: [{ apiToken: [] }, { password: [] }],
          body: Type.Object({
            name: Type.String(),
            expires_at: Type.Optional(Type.String({ format: 'date-time' })),
            user: Type.Optional(Type.String({ description: 'Sysadmins: create it for another user' })),
          }),
          response: {
            201: Type.Intersect([TokenOut, Type.Object({ token: Type.String() })]),
            401: Problem,
            422: Problem,
          },
        },
      },
      async (request, reply) => {
        const { name, expires_at, user } = request.body;
        const actor = request.actor.user ? request.actor : await actorFromPassword(accounts, request);
        const created = await accounts.createToken(actor, {
          user: user ?? signedIn(actor),
          name,
          expiresAt: expires_at ? new Date(expires_at) : null,
        });
        return reply.code(201).send({ ...presentToken(created.record), token: created.token });
      },
    );

    app.delete(
      '/tokens/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an API token',
          params: Type.Object({ id: Type.String() }),
          response: { 204: Type.Null(), 404: Problem },
        },
      },
      async (request, reply) => {
        signedIn(request.actor);
        await accounts.revokeToken(request.actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
