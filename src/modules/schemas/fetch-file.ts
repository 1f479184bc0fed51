import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError, ValidationError } from '../../platform/http/errors.js';
import { safeFetch, UnsafeUrlError } from '../../platform/http/safe-fetch.js';
import { localized } from '../../platform/i18n/index.js';

const bad = (fr: string, en: string) =>
  new ValidationError([{ path: 'url', code: 'invalid', message: localized(fr, en) }]);

/**
 * A link downloaded into `directory` through the server-side request guard, at most `maxBytes`
 * and two minutes; its path. Failures are errors on the field `url`, in French and English.
 */
export async function downloadGuarded(
  url: string,
  directory: string,
  options: { allowLoopback: boolean; maxBytes: number },
): Promise<string> {
  let response: Awaited<ReturnType<typeof safeFetch>>;
  try {
    response = await safeFetch(url, {
      allowLoopback: options.allowLoopback,
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    if (error instanceof UnsafeUrlError)
      throw bad(
        'ce lien mène à une adresse interne : il n’est pas téléchargé',
        'this link leads to an internal address: it is not fetched',
      );
    throw bad(
      `le lien n’a pas pu être téléchargé : ${(error as Error).message}`,
      `the link could not be downloaded: ${(error as Error).message}`,
    );
  }
  if (!response.ok || !response.body)
    throw bad(`le lien répond ${response.status}`, `the link answers ${response.status}`);
  const file = path.join(directory, 'source.csv');
  let bytes = 0;
  const megabytes = Math.round(options.maxBytes / 1024 / 1024);
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(
        bytes > options.maxBytes
          ? new PayloadTooLargeError(
              localized(
                `fichier trop gros (${megabytes} Mo au plus)`,
                `file too large (${megabytes} MB at most)`,
              ),
            )
          : null,
        chunk,
      );
    },
  });
  await pipeline(Readable.fromWeb(response.body as never), limit, createWriteStream(file));
  return file;
}

/** Runs `work` in a new temporary directory under `root`, removed afterwards. */
export async function inDirectory<T>(root: string, work: (directory: string) => Promise<T>): Promise<T> {
  await mkdir(root, { recursive: true });
  const directory = await mkdtemp(path.join(root, 'v-'));
  try {
    return await work(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
