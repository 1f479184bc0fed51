import { slugify } from '../../../platform/validation.js';

const KNOWN_PARAMETERS = new Set([
  'format',
  'limit',
  'cursor',
  'count',
  'points',
  'delimiter',
  'bom',
  'decimal',
]);
const MAX_LENGTH = 120;

/**
 * The name of a download, as a person would file it: the dataset's name, the resource's, and the
 * filter that made it (`permis-de-construction-permis-2024-ville-granby.csv`), never an id.
 */
export function downloadName(
  parts: { dataset: string; resource: string },
  params: Record<string, string | string[] | undefined>,
  extension: string,
): string {
  const filter = Object.entries(params)
    .filter(([key, value]) => !KNOWN_PARAMETERS.has(key) && value !== undefined && value !== '')
    .map(([key, value]) => `${key.replace(/__/g, '-')}-${[value].flat().join('-')}`)
    .join('-');
  const resource = slugify(parts.resource);
  const name = [parts.dataset, resource === parts.dataset ? '' : resource, slugify(filter)]
    .filter(Boolean)
    .join('-')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
  return `${name || 'donnees'}.${extension}`;
}
