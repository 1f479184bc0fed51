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

/** The resource's tabular format, from its declared format, media type or file name; null if none. */
export function tabularFormat(resource: {
  format: string | null;
  mimetype: string | null;
  name: string | null;
}): TabularFormat | null {
  const declared = resource.format?.trim().toLowerCase();
  if (declared && BY_NAME[declared]) return BY_NAME[declared];
  const media = resource.mimetype?.split(';')[0]?.trim().toLowerCase();
  if (media && BY_MEDIA_TYPE[media]) return BY_MEDIA_TYPE[media];
  const extension = resource.name?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return extension && extension !== 'txt' ? (BY_NAME[extension] ?? null) : null;
}
