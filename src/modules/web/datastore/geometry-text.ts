import { formatExactNumber } from '../i18n/format.js';

type Locale = 'fr' | 'en';

const NAMES: Record<string, Record<Locale, string>> = {
  Point: { fr: 'Point', en: 'Point' },
  MultiPoint: { fr: 'Points', en: 'Points' },
  LineString: { fr: 'Ligne', en: 'Line' },
  MultiLineString: { fr: 'Lignes', en: 'Lines' },
  Polygon: { fr: 'Polygone', en: 'Polygon' },
  MultiPolygon: { fr: 'Polygones', en: 'Polygons' },
  GeometryCollection: { fr: 'Collection', en: 'Collection' },
};

/** How many positions a geometry's coordinates hold, at any depth. */
function positions(coordinates: unknown): number {
  if (!Array.isArray(coordinates)) return 0;
  if (typeof coordinates[0] === 'number') return 1;
  return coordinates.reduce((sum: number, part) => sum + positions(part), 0);
}

/**
 * A GeoJSON geometry in words for a table cell: a point by its coordinates at full precision
 * (« Point : -71,20123, 46,80111 »), any other shape by its kind and size (« Polygone, 12 points »),
 * instead of raw JSON. Null when the value is not a geometry.
 */
export function geometryText(locale: Locale, value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { type, coordinates, geometries } = value as {
    type?: unknown;
    coordinates?: unknown;
    geometries?: unknown;
  };
  if (typeof type !== 'string' || !(type in NAMES)) return null;
  const name = NAMES[type]?.[locale] ?? type;
  if (type === 'Point' && Array.isArray(coordinates) && coordinates.length >= 2) {
    const [x, y] = (coordinates as number[]).map((number) => formatExactNumber(locale, number));
    // French writes « Point : -71,2 ; 46,8 » (the decimal comma needs another separator).
    return locale === 'fr' ? `${name} : ${x} ; ${y}` : `${name}: ${x}, ${y}`;
  }
  if (type === 'GeometryCollection') {
    const count = Array.isArray(geometries) ? geometries.length : 0;
    return locale === 'fr' ? `${name}, ${count} géométries` : `${name}, ${count} geometries`;
  }
  const count = positions(coordinates);
  return `${name}, ${count} points`;
}
