import assert from 'node:assert/strict';
import { test } from 'node:test';
import { geometryProblem } from './geometry.js';

const square = [
  [-71.3, 46.8],
  [-71.2, 46.8],
  [-71.2, 46.9],
  [-71.3, 46.8],
];

test('valid geometries of every type pass', () => {
  for (const geometry of [
    null,
    { type: 'Point', coordinates: [-71.2, 46.8] },
    { type: 'Point', coordinates: [-71.2, 46.8, 12] },
    { type: 'MultiPoint', coordinates: [[-71.2, 46.8]] },
    { type: 'LineString', coordinates: square.slice(0, 2) },
    { type: 'MultiLineString', coordinates: [square.slice(0, 3)] },
    { type: 'Polygon', coordinates: [square] },
    { type: 'MultiPolygon', coordinates: [[square], [square]] },
    { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] },
  ]) {
    assert.equal(geometryProblem(geometry), null, JSON.stringify(geometry));
  }
});

test('invalid geometries are named in plain words', () => {
  const cases: [unknown, RegExp][] = [
    [{ type: 'Point', coordinates: ['a', 'b'] }, /\[longitude, latitude\] as numbers/],
    [{ type: 'Point', coordinates: [245000.5, 5180000.2] }, /projected coordinates, MTM or Lambert/],
    [{ type: 'Point', coordinates: [[-71, 46]] }, /as numbers/],
    [{ type: 'LineString', coordinates: [[-71, 46]] }, /two positions/],
    [{ type: 'Polygon', coordinates: [square.slice(0, 3)] }, /four positions/],
    [{ type: 'Polygon', coordinates: [[...square.slice(0, 3), [-71.1, 46.9]]] }, /must be closed/],
    [{ type: 'Cercle', coordinates: [0, 0] }, /unknown geometry type "Cercle"/],
    [{ type: 'GeometryCollection' }, /needs "geometries"/],
    ['POINT(1 2)', /not a GeoJSON geometry/],
  ];
  for (const [geometry, message] of cases) {
    assert.match(geometryProblem(geometry)?.en ?? 'valid', message, JSON.stringify(geometry));
  }
});
