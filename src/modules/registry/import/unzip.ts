import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { REQ_FILES, type ReqFile } from '../req-format.js';
import { editionFailure } from './edition-failure.js';

/**
 * The six files of an edition, extracted from its ZIP one stream at a time (nothing held in
 * memory), each checked against its exact columns. Other entries are ignored; a missing file,
 * or columns that differ, stop the import with the file's name.
 */
export async function extractEdition(zipPath: string, directory: string): Promise<Record<ReqFile, string>> {
  const wanted = new Map(
    (Object.keys(REQ_FILES) as ReqFile[]).map((key) => [REQ_FILES[key].file.toLowerCase(), key]),
  );
  const found = {} as Record<ReqFile, string>;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (error, file) =>
      error || !file
        ? reject(
            editionFailure(
              `Ce fichier n’est pas une archive ZIP lisible (${error?.message}).`,
              `This is not a readable ZIP archive (${error?.message}).`,
            ),
          )
        : resolve(file),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      const key = wanted.get(path.basename(entry.fileName).toLowerCase());
      if (!key) {
        zip.readEntry();
        return;
      }
      const target = path.join(directory, REQ_FILES[key].file);
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          reject(error);
          return;
        }
        pipeline(stream, createWriteStream(target))
          .then(() => {
            found[key] = target;
            zip.readEntry();
          })
          .catch(reject);
      });
    });
    zip.readEntry();
  });
  for (const key of Object.keys(REQ_FILES) as ReqFile[]) {
    const file = REQ_FILES[key].file;
    if (!found[key]) {
      throw editionFailure(`L’archive ne contient pas ${file}.`, `The archive does not hold ${file}.`, {
        file,
      });
    }
    await checkHeader(found[key], key);
  }
  return found;
}

/** The first line must be the file's columns, exactly (a UTF-8 BOM before it is expected). */
async function checkHeader(file: string, key: ReqFile): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const header = (text.split(/\r?\n/)[0] ?? '').split(',').map((field) => field.replace(/^"|"$/g, ''));
    const expected: readonly string[] = REQ_FILES[key].columns;
    const missing = expected.filter((column) => !header.includes(column));
    const extra = header.filter((column) => !expected.includes(column));
    if (missing.length > 0 || extra.length > 0 || header.join() !== expected.join()) {
      const name = REQ_FILES[key].file;
      const detail =
        [
          missing.length > 0 ? `manquantes : ${missing.join(', ')}` : '',
          extra.length > 0 ? `en trop : ${extra.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' ; ') || 'ordre différent';
      const detailEn =
        [
          missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
          extra.length > 0 ? `unexpected: ${extra.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ') || 'different order';
      throw editionFailure(
        `Les colonnes de ${name} ne sont pas celles du Registraire (${detail}).`,
        `The columns of ${name} are not the Registraire’s (${detailEn}).`,
        { file: name, line: 1 },
      );
    }
  } finally {
    await handle.close();
  }
}
