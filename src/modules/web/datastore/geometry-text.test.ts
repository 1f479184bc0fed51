import assert from 'node:assert/strict';
import { test } from 'node:test';
import { geometryText } from './geometry-text.js';

test('a geometry in words: a point at full precision, other shapes by kind and size', () => {
  const point = { type: 'Point', coordinates: [-71.2012345, 46.8011111] };
  assert.equal(geometryText('fr', point), 'Point : -71,2012345 ; 46,8011111');
  assert.equal(geometryText('en', point), 'Point: -71.2012345, 46.8011111');
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  };
  assert.equal(geometryText('fr', square), 'Polygone, 4 points');
  assert.equal(
    geometryText('en', {
      type: 'MultiLineString',
      coordinates: [
        [
          [0, 0],
          [1, 1],
        ],
        [
          [2, 2],
          [3, 3],
          [4, 4],
        ],
      ],
    }),
    'Lines, 5 points',
  );
  assert.equal(
    geometryText('fr', { type: 'GeometryCollection', geometries: [point, square] }),
    'Collection, 2 géométries',
  );
  assert.equal(geometryText('fr', { nom: 'pas une géométrie' }), null);
  assert.equal(geometryText('fr', [1, 2]), null);
});
