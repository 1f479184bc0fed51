import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { safeFetch } from '../../platform/http/safe-fetch.js';
import type { CatalogService, ReceivedUpload } from '../catalog/index.js';
import { type FetchLimits, SourceError, USER_AGENT } from './fetch.js';

export type Download =
  | { notModified: false; upload: ReceivedUpload; etag: string | null; lastModified: string | null }
  | { notModified: true };

/**
 * Downloads an upstream file through the request guard and stores it as an upload (within the
 * portal's upload size limit; a file takes up to ten times a metadata request's time budget).
 * With the previous answer's ETag or date, an unchanged file answers 304 and is not read again.
 * The caller uses the upload through `settleAll`, which removes it if no resource ends up with it.
 */
export async function downloadFile(
  catalog: CatalogService,
  limits: FetchLimits,
  url: string,
  options: {
    headers?: Record<string, string>;
    filename?: string;
    mimetype?: string | null;
    etag?: string | null;
    lastModified?: string | null;
  } = {},
): Promise<Download> {
  const conditional: Record<string, string> = {};
  if (options.etag) conditional['if-none-match'] = options.etag;
  if (options.lastModified) conditional['if-modified-since'] = options.lastModified;
  const response = await safeFetch(url, {
    allowLoopback: limits.allowLoopback,
    allowHosts: limits.allowHosts,
    headers: { 'user-agent': USER_AGENT, ...options.headers, ...conditional },
    signal: AbortSignal.timeout(limits.timeoutMs * 10),
  });
  if (response.status === 304 && Object.keys(conditional).length > 0) {
    await response.body?.cancel().catch(() => {});
    return { notModified: true };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new SourceError(`${url} answered ${response.status}: the file was not copied`);
  }
  const filename =
    options.filename ??
    (decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').slice(0, 200) || 'fichier');
  const upload = await catalog.uploads.fromStream(Readable.fromWeb(response.body as ReadableStream), {
    filename,
    mimetype:
      options.mimetype !== undefined
        ? options.mimetype
        : (response.headers.get('content-type')?.split(';')[0]?.trim() ?? null),
  });
  return {
    notModified: false,
    upload,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}

/** Runs `work` with the uploads, then removes those no resource uses. */
export async function settleAll<T>(
  catalog: CatalogService,
  uploads: ReceivedUpload[],
  work: () => Promise<T>,
): Promise<T> {
  const [first, ...rest] = uploads;
  if (!first) return work();
  return catalog.uploads.settle(first, () => settleAll(catalog, rest, work));
}
