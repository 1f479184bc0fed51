import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { UnauthorizedError, ValidationError } from '../../../platform/http/errors.js';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import { localized, negotiateLocale } from '../../../platform/i18n/index.js';
import type { PublicAccounts } from '../accounts/public-accounts.service.js';

const tags = ['Comptes / Accounts'];

const SignUpIn = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    email: Type.String({ maxLength: 320 }),
    fullname: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    password: Type.String({ maxLength: 1024 }),
    /** Left empty by people; robots fill every field (a honeypot). */
    website: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const Accepted = Type.Object({ message: Type.String() });
const TokenIn = Type.Object({ token: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
const EmailIn = Type.Object({ email: Type.String({ maxLength: 320 }) }, { additionalProperties: false });
const PasswordIn = Type.Object(
  { password: Type.String({ maxLength: 1024 }) },
  { additionalProperties: false },
);

export const CHECK_YOUR_MAIL = localized(
  'Si cette adresse peut recevoir un compte, un message vient d’y être envoyé : suivez son lien.',
  'If this address can receive an account, a message was just sent to it: follow its link.',
);

/**
 * /api/v1/account/…: sign up, confirm the address, ask for a new password, erase one's account.
 * Sign-up and reset answer 202 the same way whether or not the address has an account.
 */
export function publicAccountRoutes(deps: { accounts: PublicAccounts }): FastifyPluginAsyncTypebox {
  const { accounts } = deps;
  return async (app) => {
    app.post(
      '/account/sign-up',
      {
        schema: {
          tags,
          summary:
            'Create an account (anyone): a link to confirm the address is mailed to it. The same answer whether or not the address already has an account (its owner is told by mail).',
          body: SignUpIn,
          response: { 202: Accepted, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { website, ...input } = request.body;
        // A robot filled the hidden field: the same answer, nothing created.
        if (!website)
          await accounts.signUp({ ...input, fullname: input.fullname?.trim() || null }, request.ip);
        reply.code(202);
        return { message: CHECK_YOUR_MAIL[negotiateLocale(request.headers['accept-language'], 'fr')] };
      },
    );

    app.post(
      '/account/verify',
      {
        schema: {
          tags,
          summary: 'Confirm an account’s address with the secret of the link mailed to it',
          body: TokenIn,
          response: { 200: Type.Object({ name: Type.String() }), ...problemResponses },
        },
      },
      async (request) => {
        const name = await accounts.verify(request.body.token);
        if (!name)
          throw new ValidationError([
            {
              path: 'token',
              code: 'expired',
              message: localized(
                'Ce lien a expiré ou a déjà servi.',
                'This link has expired or was already used.',
              ),
            },
          ]);
        return { name };
      },
    );

    app.post(
      '/account/password-reset',
      {
        schema: {
          tags,
          summary:
            'Ask for a link to choose a new password, mailed to the address if an account has it (the same answer either way)',
          body: EmailIn,
          response: { 202: Accepted, ...problemResponses },
        },
      },
      async (request, reply) => {
        await accounts.requestReset(request.body.email, request.ip);
        reply.code(202);
        return { message: CHECK_YOUR_MAIL[negotiateLocale(request.headers['accept-language'], 'fr')] };
      },
    );

    app.post(
      '/account/delete',
      {
        schema: {
          tags,
          summary:
            'Erase one’s own account and its personal data (name, address, description, password, tokens, roles), with its password given again',
          body: PasswordIn,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        if (!request.actor.user)
          throw new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
        await accounts.deleteOwn(request.actor, request.body.password);
        reply.code(204);
        return null;
      },
    );
  };
}
