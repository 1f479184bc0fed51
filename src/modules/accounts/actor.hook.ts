import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type { AccountsService } from './accounts.service.js';
import { type Actor, ANONYMOUS } from './actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; anonymous unless a valid credential came with the request. */
    actor: Actor;
    /** Set when the request carried a token that is unknown, revoked or expired. */
    rejectedToken: boolean;
  }
  interface FastifyContextConfig {
    /**
     * The route takes POSTs from signed-in browsers: it accepts the session cookie for them and
     * must check the form's CSRF token itself. Other routes accept the cookie for reads only.
     */
    sessionForms?: boolean;
    /** The route serves the same thing to everyone (static files): the caller is not looked up. */
    anonymous?: boolean;
  }
}

/** The cookie that carries a web session's secret. */
export const SESSION_COOKIE = 'quai_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The API token of a request: `Authorization: <token>` (raw, as CKAN clients send it),
 * `Authorization: Bearer <token>`, or CKAN's older `X-CKAN-API-Key`.
 */
export function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization ?? request.headers['x-ckan-api-key'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  // "Basic" carries a name and a password, not a token (see basicCredentials).
  if (!value || /^Basic\s/i.test(value)) return null;
  return value.replace(/^Bearer\s+/i, '');
}

/** HTTP Basic credentials (name or email, and password), or null. */
export function basicCredentials(request: FastifyRequest): { login: string; password: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Resolves `request.actor` before any route runs. */
export function registerActorHook(app: FastifyInstance, accounts: AccountsService): void {
  // Fastify forbids object defaults on decorators (they would be shared); the hook sets it each time.
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('rejectedToken', false);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    if (request.routeOptions.config?.anonymous) return;
    const token = tokenOf(request);
    if (token !== null) {
      const actor = await accounts.actorForToken(token);
      if (actor) request.actor = actor;
      else request.rejectedToken = true;
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session && (SAFE_METHODS.has(request.method) || request.routeOptions.config.sessionForms)) {
      const found = await accounts.sessions.resolve(session);
      if (found) request.actor = found.actor;
    }
  });
}

/** For APIs that must refuse a bad token rather than treat the caller as anonymous. */
export async function refuseRejectedToken(request: FastifyRequest): Promise<void> {
  if (request.rejectedToken) {
    throw new UnauthorizedError(
      localized("Jeton d'API inconnu, révoqué ou expiré.", 'Unknown, revoked or expired API token.'),
    );
  }
}
