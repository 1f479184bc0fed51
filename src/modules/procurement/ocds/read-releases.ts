import type { FieldIssue } from '../../../platform/http/errors.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { JsonObject } from './json.js';
import { isObject } from './json.js';

/**
 * Takes OCDS as publishers put it out and returns its releases: a release package (SEAO's
 * weekly and monthly files), a record package with embedded releases, a JSON array of
 * releases, one release, or JSON Lines of any of these. Releases are accepted as they are
 * (the validation report tells what is wrong with them); only what storing and merging cannot
 * do without is required: a text `ocid`, a text `id` without "#" and a readable `date`.
 */
export function readReleases(text: string): JsonObject[] {
  const documents = parseDocuments(text.replace(/^\uFEFF/, ''));
  const releases: { release: unknown; pointer: string }[] = [];
  documents.forEach((document, n) => {
    const base = documents.length > 1 ? `/${n}` : '';
    if (Array.isArray(document)) {
      document.forEach((release, i) => {
        releases.push({ release, pointer: `${base}/${i}` });
      });
    } else if (isObject(document) && Array.isArray(document.releases)) {
      document.releases.forEach((release, i) => {
        releases.push({ release, pointer: `${base}/releases/${i}` });
      });
    } else if (isObject(document) && Array.isArray(document.records)) {
      document.records.forEach((record, r) => {
        const embedded = isObject(record) && Array.isArray(record.releases) ? record.releases : [];
        embedded.forEach((release, i) => {
          releases.push({ release, pointer: `${base}/records/${r}/releases/${i}` });
        });
      });
    } else {
      releases.push({ release: document, pointer: base });
    }
  });
  const issues = releases.flatMap(({ release, pointer }) => problemsOf(release, pointer));
  if (issues.length > 0) throw new ValidationError(issues.slice(0, 100));
  if (releases.length === 0) {
    throw new ValidationError([
      {
        path: 'releases',
        code: 'empty',
        message: localized('aucune instance (release) trouvée', 'no release found'),
      },
    ]);
  }
  return releases.map(({ release }) => release as JsonObject);
}

function parseDocuments(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch (whole) {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2) throw unreadable(whole as Error);
    return lines.map((line, index) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        throw unreadable(error as Error, index + 1);
      }
    });
  }
}

function unreadable(error: Error, line?: number): ValidationError {
  return new ValidationError([
    {
      path: line ? `line.${line}` : 'file',
      code: 'json',
      message: localized(`JSON illisible : ${error.message}`, `Unreadable JSON: ${error.message}`),
    },
  ]);
}

function problemsOf(release: unknown, pointer: string): FieldIssue[] {
  const issue = (field: string, fr: string, en: string): FieldIssue => ({
    path: `${pointer}/${field}`,
    code: 'invalid',
    message: localized(fr, en),
  });
  if (!isObject(release))
    return [issue('', 'une instance doit être un objet JSON', 'a release must be a JSON object')];
  const problems: FieldIssue[] = [];
  if (typeof release.ocid !== 'string' || release.ocid === '')
    problems.push(issue('ocid', 'ocid manquant', 'missing ocid'));
  if (typeof release.id !== 'string' || release.id === '')
    problems.push(issue('id', 'id manquant', 'missing id'));
  else if (release.id.includes('#'))
    problems.push(issue('id', 'un id ne peut pas contenir « # »', 'an id cannot contain "#"'));
  if (typeof release.date !== 'string' || Number.isNaN(Date.parse(release.date))) {
    problems.push(issue('date', 'date manquante ou illisible', 'missing or unreadable date'));
  }
  return problems;
}
