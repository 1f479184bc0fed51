import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { SESSION_COOKIE, SESSION_MAX_SECONDS } from '../../accounts/index.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';

/**
 * The cookies of the web pages: the session, the CSRF token and a one-time notice.
 *
 * CSRF protection: every form repeats a token in a hidden field. For a signed-in browser the
 * token is derived from its session (a hash of the session's secret token), so it is bound to
 * the session: a pair of cookie and field forged elsewhere is worth nothing with someone else's
 * session. Before sign-in (the sign-in form itself), it is a double-submit token: a random value
 * in an HttpOnly cookie that the field repeats. See docs/decisions/0011 and 0019.
 */
const CSRF_COOKIE = 'quai_csrf';
const NOTICE_COOKIE = 'quai_notice';
/** A browser that signed in to an account: strangers' guesses do not hold it back (sign-in-guard.ts). */
const DEVICE_COOKIE = 'quai_device';
const DEVICE_MAX_SECONDS = 365 * 24 * 3600;
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class CsrfError extends ForbiddenError {
  constructor() {
    super(localized('Formulaire expiré ou venu d’ailleurs.', 'The form expired or came from elsewhere.'));
  }
}

function options(secure: boolean, maxAge?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(maxAge ? { maxAge } : {}) };
}

export function createWebCookies(config: { secure: boolean }) {
  const { secure } = config;
  const newCsrf = (reply: FastifyReply) => {
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(CSRF_COOKIE, token, options(secure));
    return token;
  };
  return {
    /** The CSRF token to put in this page's forms (the session's, or a cookie's set the first time). */
    csrfToken(request: FastifyRequest, reply: FastifyReply): string {
      const session = request.cookies[SESSION_COOKIE];
      if (session) return sessionCsrf(session);
      return request.cookies[CSRF_COOKIE] ?? newCsrf(reply);
    },

    /** Refuses a state-changing request whose token is not its session's (or, signed out, its cookie's). */
    checkCsrf(request: FastifyRequest, submitted: unknown): void {
      const session = request.cookies[SESSION_COOKIE];
      const expected = session ? sessionCsrf(session) : request.cookies[CSRF_COOKIE];
      if (!expected || typeof submitted !== 'string' || !sameSecret(expected, submitted))
        throw new CsrfError();
    },

    signIn(reply: FastifyReply, sessionToken: string, deviceToken: string): void {
      reply.setCookie(SESSION_COOKIE, sessionToken, options(secure, SESSION_MAX_SECONDS));
      reply.setCookie(DEVICE_COOKIE, deviceToken, options(secure, DEVICE_MAX_SECONDS));
      newCsrf(reply);
    },

    device: (request: FastifyRequest): string | null => request.cookies[DEVICE_COOKIE] ?? null,

    signOut(reply: FastifyReply): void {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      newCsrf(reply);
    },

    sessionToken: (request: FastifyRequest): string | null => request.cookies[SESSION_COOKIE] ?? null,

    /** A message for the next page the browser shows ("saved", "signed out"). */
    notify(reply: FastifyReply, key: MessageKey): void {
      reply.setCookie(NOTICE_COOKIE, key, options(secure, 300));
    },

    /** The notice left by the previous request, cleared once read. */
    takeNotice(request: FastifyRequest, reply: FastifyReply): MessageKey | null {
      const key = request.cookies[NOTICE_COOKIE];
      if (!key) return null;
      reply.clearCookie(NOTICE_COOKIE, { path: '/' });
      return key in MESSAGES ? (key as MessageKey) : null;
    },
  };
}

export type WebCookies = ReturnType<typeof createWebCookies>;

/** The CSRF token of a session: its secret token, hashed for this use (never the session id itself). */
function sessionCsrf(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
