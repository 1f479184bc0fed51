export interface FileFormat {
  /** The label CKAN shows and facets on (upper case). */
  label: string;
  extensions: string[];
  mediaType: string;
  /** Code in the EU file-type authority list, for DCAT-AP `dct:format`. */
  euCode: string | null;
}

export const FORMATS: readonly FileFormat[] = [
  { label: 'CSV', extensions: ['csv'], mediaType: 'text/csv', euCode: 'CSV' },
  { label: 'GeoJSON', extensions: ['geojson'], mediaType: 'application/geo+json', euCode: 'GEOJSON' },
  { label: 'JSON', extensions: ['json'], mediaType: 'application/json', euCode: 'JSON' },
  {
    label: 'XLSX',
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    euCode: 'XLSX',
  },
  { label: 'XLS', extensions: ['xls'], mediaType: 'application/vnd.ms-excel', euCode: 'XLS' },
  {
    label: 'ODS',
    extensions: ['ods'],
    mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
    euCode: 'ODS',
  },
  {
    label: 'Parquet',
    extensions: ['parquet'],
    mediaType: 'application/vnd.apache.parquet',
    euCode: 'PARQUET',
  },
  { label: 'XML', extensions: ['xml'], mediaType: 'application/xml', euCode: 'XML' },
  { label: 'PDF', extensions: ['pdf'], mediaType: 'application/pdf', euCode: 'PDF' },
  { label: 'ZIP', extensions: ['zip'], mediaType: 'application/zip', euCode: 'ZIP' },
  { label: 'TXT', extensions: ['txt'], mediaType: 'text/plain', euCode: 'TXT' },
  { label: 'SHP', extensions: ['shp'], mediaType: 'application/vnd.shp', euCode: 'SHP' },
  { label: 'KML', extensions: ['kml'], mediaType: 'application/vnd.google-earth.kml+xml', euCode: 'KML' },
  { label: 'GPKG', extensions: ['gpkg'], mediaType: 'application/geopackage+sqlite3', euCode: 'GPKG' },
  { label: 'HTML', extensions: ['html', 'htm'], mediaType: 'text/html', euCode: 'HTML' },
  { label: 'TSV', extensions: ['tsv'], mediaType: 'text/tab-separated-values', euCode: 'TSV' },
];

const BY_LABEL = new Map(FORMATS.map((format) => [format.label.toLowerCase(), format]));

/** The format for a label given by a publisher (case ignored), or null when unknown. */
export function findFormat(label: string | null): FileFormat | null {
  return label === null ? null : (BY_LABEL.get(label.toLowerCase()) ?? null);
}

/** Guesses the format from a file name or URL path ("data.csv?x=1" → CSV). */
export function guessFormat(nameOrUrl: string): FileFormat | null {
  const path = nameOrUrl.split(/[?#]/)[0] ?? '';
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (extension === path.toLowerCase()) return null;
  return FORMATS.find((format) => format.extensions.includes(extension)) ?? null;
}

export const EU_FILE_TYPE_BASE = 'http://publications.europa.eu/resource/authority/file-type/';
export const IANA_MEDIA_TYPE_BASE = 'http://www.iana.org/assignments/media-types/';
