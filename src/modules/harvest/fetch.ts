import { safeFetch, UnsafeUrlError } from '../../platform/http/safe-fetch.js';

export const USER_AGENT = 'Quai harvester';

/** Why a source could not be read: shown in the run's report as is. */
export class SourceError extends Error {
  override name = 'SourceError';
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  allowLoopback: boolean;
  allowHosts: readonly string[];
}

export interface FetchedText {
  text: string;
  contentType: string;
  url: string;
}

/**
 * Reads one upstream answer through the request guard, within a time budget and a size cap:
 * anything else (a refused address, a redirect loop, a timeout, an error status, an answer too
 * large) becomes a SourceError that says what happened. `counted` is told of each request.
 */
export function createFetcher(
  limits: FetchLimits,
  counted: () => void,
  signal?: AbortSignal,
  /** Sent with every request (a migration's API key). */
  extraHeaders: Record<string, string> = {},
) {
  return async function fetchText(url: string, accept: string): Promise<FetchedText> {
    counted();
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Awaited<ReturnType<typeof safeFetch>>;
    try {
      response = await safeFetch(url, {
        allowLoopback: limits.allowLoopback,
        allowHosts: limits.allowHosts,
        signal: abort,
        headers: { accept, 'user-agent': USER_AGENT, ...extraHeaders },
      });
    } catch (error) {
      throw describe(error, url, timeout.aborted, limits.timeoutMs);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new SourceError(`${url} answered ${response.status} ${response.statusText}`.trim());
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge(url, limits.maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body ?? []) {
        size += chunk.byteLength;
        if (size > limits.maxBytes) {
          await response.body?.cancel().catch(() => {});
          throw tooLarge(url, limits.maxBytes);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw describe(error, url, timeout.aborted, limits.timeoutMs);
    }
    return {
      text: Buffer.concat(chunks).toString('utf8'),
      contentType: (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
      url: response.url || url,
    };
  };
}

export type FetchText = ReturnType<typeof createFetcher>;

/** JSON from an upstream answer, or a SourceError that says where it broke. */
export function parseJson(fetched: FetchedText): unknown {
  try {
    return JSON.parse(fetched.text);
  } catch (error) {
    throw new SourceError(`${fetched.url} did not answer valid JSON (${(error as Error).message})`);
  }
}

function tooLarge(url: string, maxBytes: number): SourceError {
  return new SourceError(`${url} answered more than ${Math.round(maxBytes / 1e6)} MB: not read`);
}

function describe(error: unknown, url: string, timedOut: boolean, timeoutMs: number): Error {
  if (timedOut) return new SourceError(`${url} did not answer within ${timeoutMs / 1000} s`);
  if (error instanceof UnsafeUrlError) return new SourceError(`${url} refused: ${error.message}`);
  if (error instanceof Error && error.name === 'AbortError') return error;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new SourceError(`${url} could not be read (${cause?.code ?? cause?.message ?? String(error)})`);
}

/** The first characters of an upstream record, for a report. */
export function excerpt(value: unknown, max = 2000): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
