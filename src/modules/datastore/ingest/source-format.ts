/** The tabular formats the datastore loads. */
export type TabularFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'xlsx' | 'geojson';

const BY_NAME: Record<string, TabularFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  txt: 'csv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  'json lines': 'jsonl',
  xlsx: 'xlsx',
  geojson: 'geojson',
};

const BY_MEDIA_TYPE: Record<string, TabularFormat> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/geo+json': 'geojson',
};

/** Compressed files and archives: what they hold is not read as a table (a gzipped OCDS package). */
const PACKED_MEDIA_TYPES = new Set([
  'application/gzip',
  'application/x-gzip',
  'application/zip',
  'application/x-zip-compressed',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
  'application/x-7z-compressed',
  'application/x-tar',
  'application/vnd.rar',
]);
const PACKED_NAME = /\.(gz|tgz|zip|bz2|xz|zst|7z|tar|rar)$/;

/**
 * The resource's tabular format, from its declared format, media type or file name; null if none.
 * A compressed file or an archive is never a table, whatever format it declares (a link to
 * `releases.json.gz` declared "JSON" holds gzip bytes): it is not queued for the datastore.
 */
export function tabularFormat(resource: {
  format: string | null;
  mimetype: string | null;
  name: string | null;
}): TabularFormat | null {
  const path = resource.name?.toLowerCase().split(/[?#]/)[0] ?? '';
  const mediaType = resource.mimetype?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (PACKED_MEDIA_TYPES.has(mediaType) || PACKED_NAME.test(path)) return null;
  const declared = resource.format?.trim().toLowerCase();
  if (declared && BY_NAME[declared]) return BY_NAME[declared];
  if (mediaType && BY_MEDIA_TYPE[mediaType]) return BY_MEDIA_TYPE[mediaType];
  const extension = path.match(/\.([a-z]+)$/)?.[1];
  return extension && extension !== 'txt' ? (BY_NAME[extension] ?? null) : null;
}
