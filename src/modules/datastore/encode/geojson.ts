import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Column } from '../datastore.types.js';
import { GEOMETRY_COLUMN, suggestMap } from '../views.js';

/** Where a row's geometry is: a GeoJSON column, or a point from two columns. */
export type Shape = { geometry: number } | { latitude: number; longitude: number };

/**
 * Where a row's geometry is: `points=latitude,longitude` names two columns; otherwise the
 * geometry column, or the latitude and longitude columns the table's names suggest.
 */
export function geometryOf(columns: Column[], points: string | null): Shape {
  const index = (id: string | null) => (id ? columns.findIndex((column) => column.id === id) : -1);
  const [latitudeId, longitudeId] = points ? points.split(',') : [null, null];
  const suggested = points ? null : suggestMap(columns);
  const geometry = index(suggested && !suggested.latitude ? GEOMETRY_COLUMN : null);
  if (geometry >= 0) return { geometry };
  const latitude = index(latitudeId ?? suggested?.latitude ?? null);
  const longitude = index(longitudeId ?? suggested?.longitude ?? null);
  if (latitude >= 0 && longitude >= 0) return { latitude, longitude };
  throw new ValidationError([
    {
      path: points ? 'points' : 'format',
      code: 'invalid',
      message: localized(
        'cette table n’a ni géométrie (colonne geometry) ni colonnes de latitude et de longitude (points=latitude,longitude)',
        'this table has neither a geometry (geometry column) nor latitude and longitude columns (points=latitude,longitude)',
      ),
    },
  ]);
}

/** Rows as a GeoJSON FeatureCollection: the geometry column, or a point, becomes each feature's geometry. */
export async function* featureCollection(
  columns: Column[],
  shape: Shape,
  batches: AsyncIterable<unknown[][]>,
): AsyncGenerator<string> {
  const used = new Set('geometry' in shape ? [shape.geometry] : []);
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const rows of batches) {
    const features = rows.map((row) => {
      const properties = Object.fromEntries(
        columns.flatMap((column, index) => (used.has(index) ? [] : [[column.id, row[index]]])),
      );
      return `{"type":"Feature","geometry":${geometryText(row, shape)},"properties":${JSON.stringify(properties)}}`;
    });
    if (features.length === 0) continue;
    yield `${first ? '' : ','}${features.join(',')}`;
    first = false;
  }
  yield ']}';
}

function geometryText(row: unknown[], shape: Shape): string {
  if ('geometry' in shape) {
    const value = row[shape.geometry];
    return typeof value === 'string' ? value : 'null';
  }
  const latitude = Number(row[shape.latitude]);
  const longitude = Number(row[shape.longitude]);
  const valid =
    row[shape.latitude] !== null &&
    row[shape.longitude] !== null &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  return valid ? `{"type":"Point","coordinates":[${longitude},${latitude}]}` : 'null';
}
