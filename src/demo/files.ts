import { stringify } from 'csv-stringify/sync';
import { CITIES, type City } from './places.js';
import type { Random } from './random.js';

/** A CSV file with a header row, UTF-8, comma-separated, RFC 4180 quoting. */
export function csv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([columns, ...rows]);
}

type Properties = Record<string, string | number | boolean | null>;

interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Properties;
}

export function featureCollection(features: Feature[]): string {
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
}

/** A point near a city centre (within about `radiusKm`), rounded to 6 decimals. */
export function pointNear(random: Random, city: City, radiusKm = 4): [number, number] {
  const angle = random.next() * 2 * Math.PI;
  const distance = Math.sqrt(random.next()) * radiusKm;
  const lat = city.lat + (distance / 111) * Math.sin(angle);
  const lon = city.lon + (distance / (111 * Math.cos((city.lat * Math.PI) / 180))) * Math.cos(angle);
  return [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
}

export function pointFeature(coordinates: [number, number], properties: Properties): Feature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties };
}

/** A wandering line of `segments` steps from a point (a bike path, a road section). */
export function lineFeature(
  random: Random,
  start: [number, number],
  segments: number,
  properties: Properties,
): Feature {
  const coordinates: [number, number][] = [start];
  let [lon, lat] = start;
  const heading = random.next() * 2 * Math.PI;
  for (let i = 0; i < segments; i++) {
    const turn = heading + (random.next() - 0.5) * 0.8;
    lon = Number((lon + 0.004 * Math.cos(turn)).toFixed(6));
    lat = Number((lat + 0.003 * Math.sin(turn)).toFixed(6));
    coordinates.push([lon, lat]);
  }
  return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties };
}

/** A small rectangle around a point (a park, a protected area). */
export function boxFeature(
  centre: [number, number],
  halfWidth: number,
  halfHeight: number,
  properties: Properties,
): Feature {
  const [lon, lat] = centre;
  const ring = [
    [lon - halfWidth, lat - halfHeight],
    [lon + halfWidth, lat - halfHeight],
    [lon + halfWidth, lat + halfHeight],
    [lon - halfWidth, lat + halfHeight],
    [lon - halfWidth, lat - halfHeight],
  ].map(([x, y]) => [Number((x as number).toFixed(6)), Number((y as number).toFixed(6))]);
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties };
}

/**
 * `count` places near random cities, as a GeoJSON map and as the same rows in a CSV table (with
 * latitude and longitude columns): what a publisher offers for a list of sites.
 */
export function sites(
  random: Random,
  count: number,
  radiusKm: number,
  describe: (city: City, index: number) => Properties,
): { geojson: string; table: string } {
  const features: Feature[] = [];
  const rows: unknown[][] = [];
  let columns: string[] = [];
  for (let i = 0; i < count; i++) {
    const city = random.pick(CITIES);
    const [lon, lat] = pointNear(random, city, radiusKm);
    const properties = describe(city, i);
    columns = Object.keys(properties);
    features.push(pointFeature([lon, lat], properties));
    rows.push([...Object.values(properties), lat, lon]);
  }
  return { geojson: featureCollection(features), table: csv([...columns, 'latitude', 'longitude'], rows) };
}
