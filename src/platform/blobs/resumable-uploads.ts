import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConflictError, NotFoundError, PayloadTooLargeError, ValidationError } from '../http/errors.js';
import { localized } from '../i18n/index.js';
import type { BlobStore, StoredBlob } from './blob-store.js';
import { safeFilename } from './multipart.js';

/** An upload in progress: a file sent in pieces, which can resume after a network cut. */
export interface PartialUpload {
  id: string;
  owner: string;
  filename: string;
  mimetype: string | null;
  /** The whole file's size, declared when the upload starts. */
  size: number;
  /** Bytes received so far: where the next piece starts. */
  offset: number;
}

interface Manifest {
  owner: string;
  filename: string;
  mimetype: string | null;
  size: number;
  created: number;
}

const partial = (id: string, manifest: Manifest, offset: number): PartialUpload => ({
  id,
  owner: manifest.owner,
  filename: manifest.filename,
  mimetype: manifest.mimetype,
  size: manifest.size,
  offset,
});

const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

const notFound = (id: string) =>
  new NotFoundError(
    'upload',
    id,
    localized('Téléversement introuvable ou expiré', 'Upload not found or expired'),
  );

/**
 * Uploads received in pieces under `root`: `<id>.part` holds the bytes received so far and
 * `<id>.json` what the upload is. A piece must start where the file ends (its offset), so a
 * client that lost its connection asks for the offset and sends the rest. Once complete, the file
 * goes into the blob store like any upload. Uploads left for a day are removed.
 */
export async function openResumableUploads(root: string, options: { blobs: BlobStore; maxBytes: number }) {
  await mkdir(root, { recursive: true });
  // Uploads receiving a piece right now: a second piece for the same upload waits its turn.
  const receiving = new Set<string>();
  const files = (id: string) => {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(id)) throw notFound(id);
    return { part: path.join(root, `${id}.part`), manifest: path.join(root, `${id}.json`) };
  };

  async function load(owner: string, id: string): Promise<PartialUpload> {
    const paths = files(id);
    const manifest = await readFile(paths.manifest, 'utf8').then(
      (text) => JSON.parse(text) as Manifest,
      () => null,
    );
    // Someone else's upload is "not found": its existence is not the caller's business.
    if (!manifest || manifest.owner !== owner) throw notFound(id);
    return partial(id, manifest, (await stat(paths.part).catch(() => null))?.size ?? 0);
  }

  async function removeAbandoned(): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(root)) {
      const file = path.join(root, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs > ABANDONED_AFTER_MS) await rm(file, { force: true });
    }
  }

  return {
    async create(
      owner: string,
      input: { filename: string; size: number; mimetype: string | null },
    ): Promise<PartialUpload> {
      if (!Number.isSafeInteger(input.size) || input.size < 1) {
        throw new ValidationError([
          {
            path: 'size',
            code: 'size',
            message: localized('Taille de fichier invalide', 'Invalid file size'),
          },
        ]);
      }
      if (input.size > options.maxBytes) throw tooLarge(options.maxBytes);
      await removeAbandoned();
      const id = randomBytes(24).toString('base64url');
      const paths = files(id);
      const manifest: Manifest = {
        owner,
        filename: safeFilename(input.filename),
        mimetype:
          input.mimetype && input.mimetype !== 'application/octet-stream'
            ? input.mimetype.slice(0, 200)
            : null,
        size: input.size,
        created: Date.now(),
      };
      await writeFile(paths.part, '');
      await writeFile(paths.manifest, JSON.stringify(manifest));
      return partial(id, manifest, 0);
    },

    status: load,

    /**
     * Appends a piece that starts at `offset`. A piece sent for the wrong offset is refused (409)
     * with nothing written; a piece cut short keeps what arrived, and the client resumes from there.
     */
    async append(owner: string, id: string, offset: number, piece: Readable): Promise<PartialUpload> {
      const upload = await load(owner, id);
      if (offset !== upload.offset) {
        piece.resume();
        throw new ConflictError(
          localized(
            `Le morceau doit commencer à l'octet ${upload.offset}.`,
            `The piece must start at byte ${upload.offset}.`,
          ),
        );
      }
      if (receiving.has(id)) {
        piece.resume();
        throw new ConflictError(
          localized('Un autre morceau est en cours de réception.', 'Another piece is being received.'),
        );
      }
      receiving.add(id);
      try {
        const limit = new ByteLimit(upload.size - upload.offset, upload.size);
        await pipeline(piece, limit, createWriteStream(files(id).part, { flags: 'a' }));
        return { ...upload, offset: upload.offset + limit.bytes };
      } finally {
        receiving.delete(id);
      }
    },

    /** Stores a complete upload in the blob store; the pieces stay until `discard`. */
    async store(owner: string, id: string): Promise<{ upload: PartialUpload; blob: StoredBlob }> {
      const upload = await load(owner, id);
      if (upload.offset !== upload.size) {
        throw new ValidationError([
          {
            path: 'upload_id',
            code: 'incomplete',
            message: localized(
              `Le téléversement n'est pas terminé (${upload.offset} octets sur ${upload.size}).`,
              `The upload is not finished (${upload.offset} of ${upload.size} bytes).`,
            ),
          },
        ]);
      }
      const blob = await options.blobs.put(createReadStream(files(id).part), { maxBytes: options.maxBytes });
      return { upload, blob };
    },

    async discard(owner: string, id: string): Promise<void> {
      await load(owner, id);
      const paths = files(id);
      await rm(paths.part, { force: true });
      await rm(paths.manifest, { force: true });
    },
  };
}

export type ResumableUploads = Awaited<ReturnType<typeof openResumableUploads>>;

function tooLarge(maxBytes: number) {
  return new PayloadTooLargeError(
    localized(
      `Le fichier dépasse la taille maximale de ${maxBytes} octets.`,
      `The file exceeds the maximum size of ${maxBytes} bytes.`,
    ),
  );
}

/** Passes at most `allowed` bytes; more is an error (the declared size was exceeded). */
class ByteLimit extends Transform {
  bytes = 0;
  constructor(
    private readonly allowed: number,
    private readonly declared: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.allowed) {
      done(
        new PayloadTooLargeError(
          localized(
            `Le fichier dépasse la taille annoncée (${this.declared} octets).`,
            `The file is larger than announced (${this.declared} bytes).`,
          ),
        ),
      );
      return;
    }
    done(null, chunk);
  }
}
