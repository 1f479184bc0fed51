import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobStore, ByteRange } from './blob-store.js';

export interface BlobDownload {
  sha256: string;
  size: number;
  contentType: string;
  filename: string;
  lastModified: Date | null;
}

/**
 * Sends a stored file with `ETag` (its SHA-256), `Content-Length`, `Last-Modified` and a single
 * HTTP byte range when asked (`Range`, `If-Range`, 206/416); conditional GETs get 304.
 */
export function sendBlob(request: FastifyRequest, reply: FastifyReply, blobs: BlobStore, file: BlobDownload) {
  const etag = `"${file.sha256}"`;
  reply
    .header('ETag', etag)
    .header('Accept-Ranges', 'bytes')
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', contentDisposition(file.filename))
    .header('X-Content-Type-Options', 'nosniff');
  if (file.lastModified) reply.header('Last-Modified', file.lastModified.toUTCString());

  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();

  const ifRange = request.headers['if-range'];
  const rangeHeader = ifRange === undefined || ifRange === etag ? request.headers.range : undefined;
  const range = rangeHeader ? parseRange(rangeHeader, file.size) : null;
  if (range === 'unsatisfiable') {
    return reply.code(416).header('Content-Range', `bytes */${file.size}`).send();
  }
  if (range) {
    reply
      .code(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`)
      .header('Content-Length', range.end - range.start + 1);
    return request.method === 'HEAD' ? reply.send() : reply.send(blobs.read(file.sha256, range));
  }
  reply.header('Content-Length', file.size);
  return request.method === 'HEAD' ? reply.send() : reply.send(blobs.read(file.sha256));
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === etag || value === '*';
  });
}

/**
 * One `bytes=` range (first-last, first-, or -suffix). Several ranges are answered with the whole
 * file (null), which RFC 9110 allows; a range past the end is unsatisfiable.
 */
export function parseRange(header: string, size: number): ByteRange | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return end < start ? null : { start, end };
}

/** RFC 6266 attachment header that carries non-ASCII names ("municipalités.csv") safely. */
/** A file name in Content-Disposition: plain ASCII, and the exact name in RFC 6266's filename*. */
export function contentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
