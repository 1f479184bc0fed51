import { performance } from 'node:perf_hooks';
import { safeFetch, UnsafeUrlError } from '../../platform/http/safe-fetch.js';
import { type Localized, localized } from '../../platform/i18n/index.js';
import type { LinkCheck } from './quality.types.js';

export type LinkResult = Pick<LinkCheck, 'ok' | 'status' | 'contentType' | 'size' | 'durationMs' | 'error'>;

type Response = Awaited<ReturnType<typeof safeFetch>>;

const HEADERS = { 'user-agent': 'Quai link checker', accept: '*/*' };

/** The size a server gives: the total of a Content-Range, else the Content-Length. */
function sizeOf(response: Response): number | null {
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  const text = range?.[1] ?? response.headers.get('content-length');
  const size = text ? Number(text) : Number.NaN;
  return Number.isSafeInteger(size) && size >= 0 ? size : null;
}

/** The cause's code of a failed connection (ENOTFOUND, ECONNREFUSED…), else its message. */
function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Asks without reading the body: only the status and headers matter here. */
async function ask(url: string, method: 'HEAD' | 'GET', signal: AbortSignal, allowLoopback: boolean) {
  const headers = method === 'GET' ? { ...HEADERS, range: 'bytes=0-1023' } : HEADERS;
  const response = await safeFetch(url, { method, signal, allowLoopback, headers });
  await response.body?.cancel().catch(() => {});
  return response;
}

/**
 * Checks one link as the link checker does: a HEAD request (redirects followed, every address
 * guarded), then, when HEAD fails or is refused, a GET of the first kilobyte; the body is never
 * read. One time budget covers both.
 */
export async function checkLink(
  url: string,
  options: { timeoutMs: number; allowLoopback: boolean },
): Promise<LinkResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(options.timeoutMs);
  const done = (result: Omit<LinkResult, 'durationMs'>): LinkResult => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
  });
  const failed = (code: NonNullable<LinkResult['error']>['code'], detail: string) =>
    done({ ok: false, status: null, contentType: null, size: null, error: { code, detail } });
  try {
    let response: Response | null = null;
    try {
      response = await ask(url, 'HEAD', signal, options.allowLoopback);
    } catch (error) {
      // Some servers close the connection on HEAD: GET may still work, unless time is up.
      if (error instanceof UnsafeUrlError || signal.aborted) throw error;
    }
    if (!response?.ok) response = await ask(url, 'GET', signal, options.allowLoopback);
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() || null;
    return done({
      ok: response.ok,
      status: response.status,
      contentType,
      size: sizeOf(response),
      error: response.ok ? null : { code: 'http', detail: String(response.status) },
    });
  } catch (error) {
    if (error instanceof UnsafeUrlError) return failed('refused', error.message);
    if (signal.aborted) return failed('timeout', `${Math.round(options.timeoutMs / 100) / 10} s`);
    return failed('network', networkDetail(error));
  }
}

/** Why a link is unreachable, in a few words. */
export function linkReason(check: Pick<LinkCheck, 'ok' | 'status' | 'error'>): Localized | null {
  if (check.ok) return null;
  switch (check.error?.code) {
    case 'timeout':
      return localized(`pas de réponse en ${check.error.detail}`, `no answer within ${check.error.detail}`);
    case 'refused':
      return localized('adresse interne refusée', 'internal address refused');
    case 'network':
      return localized(`injoignable : ${check.error.detail}`, `unreachable: ${check.error.detail}`);
    default:
      return localized(`HTTP ${check.status ?? '?'}`, `HTTP ${check.status ?? '?'}`);
  }
}
