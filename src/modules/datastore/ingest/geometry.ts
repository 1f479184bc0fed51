import { type Localized, localized } from '../../../platform/i18n/index.js';

/**
 * What is wrong with a GeoJSON geometry (RFC 7946), in plain words, or null when it is valid:
 * positions of two or three finite numbers, longitude within ±180 and latitude within ±90
 * (GeoJSON is WGS 84: other values mean projected coordinates, such as Québec's MTM or Lambert),
 * lines of two positions at least, polygon rings of four positions at least and closed.
 */
export function geometryProblem(geometry: unknown, depth = 0): Localized | null {
  if (geometry === null) return null;
  if (!isObject(geometry) || typeof geometry.type !== 'string')
    return localized('ce n’est pas une géométrie GeoJSON', 'it is not a GeoJSON geometry');
  const coordinates = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      return position(coordinates);
    case 'MultiPoint':
      return list(coordinates, 0, position);
    case 'LineString':
      return line(coordinates);
    case 'MultiLineString':
      return list(coordinates, 0, line);
    case 'Polygon':
      return polygon(coordinates);
    case 'MultiPolygon':
      return list(coordinates, 0, polygon);
    case 'GeometryCollection': {
      if (depth > 3)
        return localized('collections imbriquées trop profondément', 'collections nested too deep');
      if (!Array.isArray(geometry.geometries))
        return localized(
          'une GeometryCollection doit avoir « geometries »',
          'a GeometryCollection needs "geometries"',
        );
      for (const inner of geometry.geometries) {
        const problem = geometryProblem(inner, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return localized(
        `type de géométrie inconnu « ${geometry.type.slice(0, 40)} »`,
        `unknown geometry type "${geometry.type.slice(0, 40)}"`,
      );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function position(value: unknown): Localized | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every(Number.isFinite))
    return localized(
      'une position doit être [longitude, latitude] en nombres',
      'a position must be [longitude, latitude] as numbers',
    );
  const [longitude, latitude] = value as number[];
  if (Math.abs(longitude as number) > 180 || Math.abs(latitude as number) > 90) {
    return localized(
      `la position [${value.join(', ')}] n’est pas en longitude et latitude WGS 84 (coordonnées projetées, MTM ou Lambert ?)`,
      `the position [${value.join(', ')}] is not WGS 84 longitude and latitude (projected coordinates, MTM or Lambert?)`,
    );
  }
  return null;
}

function list(value: unknown, min: number, each: (item: unknown) => Localized | null): Localized | null {
  if (!Array.isArray(value) || value.length < min)
    return localized('les coordonnées ne sont pas une liste', 'the coordinates are not a list');
  for (const item of value) {
    const problem = each(item);
    if (problem) return problem;
  }
  return null;
}

function line(value: unknown): Localized | null {
  if (!Array.isArray(value) || value.length < 2)
    return localized('une ligne doit avoir deux positions au moins', 'a line needs two positions at least');
  return list(value, 2, position);
}

function polygon(value: unknown): Localized | null {
  if (!Array.isArray(value) || value.length === 0)
    return localized('un polygone doit avoir un contour', 'a polygon needs a ring');
  for (const ring of value) {
    if (!Array.isArray(ring) || ring.length < 4)
      return localized(
        'un contour de polygone doit avoir quatre positions au moins',
        'a polygon ring needs four positions at least',
      );
    const problem = list(ring, 4, position);
    if (problem) return problem;
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first.length !== last.length || first.some((coordinate, index) => coordinate !== last[index]))
      return localized(
        'un contour de polygone doit être fermé (la dernière position répète la première)',
        'a polygon ring must be closed (its last position repeats the first)',
      );
  }
  return null;
}
