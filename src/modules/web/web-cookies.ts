import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { SESSION_COOKIE, SESSION_MAX_SECONDS } from '../accounts/index.js';
import { MESSAGES, type MessageKey } from './i18n/messages.js';

/**
 * The cookies of the web pages: the session, the CSRF token and a one-time notice.
 *
 * CSRF protection is a double-submit token: a random value in an HttpOnly cookie that every form
 * repeats in a hidden field. Another site can make a browser send the cookie but cannot read it
 * to fill the field. The token changes at sign-in and sign-out. See docs/decisions/0011.
 */
const CSRF_COOKIE = 'quai_csrf';
const NOTICE_COOKIE = 'quai_notice';
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
    /** The CSRF token to put in this page's forms (set as a cookie the first time). */
    csrfToken(request: FastifyRequest, reply: FastifyReply): string {
      return request.cookies[CSRF_COOKIE] ?? newCsrf(reply);
    },

    /** Refuses a state-changing request whose token does not match its cookie. */
    checkCsrf(request: FastifyRequest, submitted: unknown): void {
      const expected = request.cookies[CSRF_COOKIE];
      if (!expected || typeof submitted !== 'string' || !sameSecret(expected, submitted))
        throw new CsrfError();
    },

    signIn(reply: FastifyReply, sessionToken: string): void {
      reply.setCookie(SESSION_COOKIE, sessionToken, options(secure, SESSION_MAX_SECONDS));
      newCsrf(reply);
    },

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

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
