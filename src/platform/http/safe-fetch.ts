import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch, type Response } from 'undici';

/**
 * Fetching a URL a user gave, on the server, without letting the user reach what only the server
 * can: every address a host name resolves to is checked when the connection is made (so a name
 * that changes its answer cannot slip through), and every redirect is followed by hand and
 * checked again. Refused: loopback, private, link-local (the cloud metadata addresses among
 * them), unique-local, multicast, reserved and unspecified addresses; only http and https.
 * `allowLoopback` is for tests that serve files on 127.0.0.1, and nothing else.
 */
export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
}

const MAX_REDIRECTS = 5;

function publicAddress(address: string, allowLoopback: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (allowLoopback && range === 'loopback') return true;
  return range === 'unicast';
}

function guardedLookup(allowLoopback: boolean, allowHosts: ReadonlySet<string>): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const allowed = allowHosts.has(hostname.toLowerCase());
      const refused = list.find((entry) => !allowed && !publicAddress(entry.address, allowLoopback));
      if (refused || list.length === 0)
        return callback(
          new UnsafeUrlError(`${hostname} resolves to a non-public address (${refused?.address ?? 'none'})`),
          '',
          0,
        );
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** The UnsafeUrlError among an error's causes (and an AggregateError's errors), if any. */
function refusal(error: unknown, depth = 0): UnsafeUrlError | null {
  if (error instanceof UnsafeUrlError) return error;
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const nested = [(error as { cause?: unknown }).cause, ...((error as { errors?: unknown[] }).errors ?? [])];
  for (const inner of nested) {
    const found = refusal(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

export interface SafeFetchOptions {
  allowLoopback?: boolean;
  /**
   * Internal host names an administrator allowed by name (a partner's portal on the intranet):
   * their addresses are not checked. Redirects elsewhere still are.
   */
  allowHosts?: readonly string[];
  /**
   * GET by default; HEAD asks for the headers only (redirects are followed with HEAD too); POST
   * sends `body` (a 307 or 308 redirect sends it again, checked; 301, 302 and 303 turn it into a
   * GET, as browsers do).
   */
  method?: 'GET' | 'HEAD' | 'POST';
  body?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** GET (or HEAD) a user-given URL (redirects followed and checked); throws UnsafeUrlError when refused. */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<Response> {
  const allowLoopback = options.allowLoopback ?? false;
  const allowHosts = new Set((options.allowHosts ?? []).map((host) => host.toLowerCase()));
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(allowLoopback, allowHosts) } });
  let current = new URL(url);
  let method = options.method ?? 'GET';
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:')
      throw new UnsafeUrlError(`only http and https URLs are fetched (${current.protocol})`);
    // A literal address is checked here (the lookup is not called for one).
    const host = current.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host) && !allowHosts.has(host) && !publicAddress(host, allowLoopback))
      throw new UnsafeUrlError(`${host} is not a public address`);
    const response = await fetch(current, {
      method,
      redirect: 'manual',
      dispatcher,
      signal: options.signal,
      headers: options.headers,
      ...(method === 'POST' ? { body: options.body ?? '' } : {}),
    }).catch((error: unknown) => {
      // undici reports a refused lookup as "fetch failed", the reason somewhere among its causes.
      throw refusal(error) ?? error;
    });
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      await response.body?.cancel();
      current = new URL(response.headers.get('location') as string, current);
      if (method === 'POST' && response.status !== 307 && response.status !== 308) method = 'GET';
      continue;
    }
    return response;
  }
  throw new UnsafeUrlError(`more than ${MAX_REDIRECTS} redirects`);
}

/**
 * Whether a URL leads to an internal network: a non-http scheme, a literal non-public address, or a
 * name that resolves to one (unless allowed by name). A name that does not resolve now is not
 * refused (a partner's DNS may be down for a while): the fetch checks every address again.
 */
export async function leadsInside(
  url: string,
  options: { allowLoopback?: boolean; allowHosts?: readonly string[] } = {},
): Promise<boolean> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return true;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if ((options.allowHosts ?? []).some((allowed) => allowed.toLowerCase() === host)) return false;
  const allowLoopback = options.allowLoopback ?? false;
  if (ipaddr.isValid(host)) return !publicAddress(host, allowLoopback);
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  return addresses.some((entry) => !publicAddress(entry.address, allowLoopback));
}
