import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';

/** A file sent to the validator, written to a temporary folder for the time of the work. */
export interface ValidatorUpload {
  fields: Record<string, string>;
  file: { path: string; name: string } | null;
  /** The file went past `maxBytes`: it was cut, and is not given. */
  tooLarge: boolean;
}

/**
 * Reads a multipart request for the validator (the API and the page alike): text fields kept, the
 * one file streamed to a temporary folder (at most `maxBytes`), `beforeFile` called with the fields
 * read so far before any byte is written (a page checks its CSRF token there); the folder is
 * removed once `work` is done.
 */
export async function withValidatorUpload<T>(
  request: FastifyRequest,
  options: { directory: string; maxBytes: number; beforeFile?: (fields: Record<string, string>) => void },
  work: (upload: ValidatorUpload) => Promise<T>,
): Promise<T> {
  await mkdir(options.directory, { recursive: true });
  const directory = await mkdtemp(path.join(options.directory, 'upload-'));
  try {
    const upload: ValidatorUpload = { fields: {}, file: null, tooLarge: false };
    for await (const part of request.parts({ limits: { fileSize: options.maxBytes } })) {
      if (part.type !== 'file') {
        upload.fields[part.fieldname] = String(part.value);
        continue;
      }
      options.beforeFile?.(upload.fields);
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      const target = path.join(directory, 'upload.csv');
      await pipeline(part.file, createWriteStream(target));
      if (part.file.truncated) upload.tooLarge = true;
      else upload.file = { path: target, name: part.filename };
    }
    return await work(upload);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
