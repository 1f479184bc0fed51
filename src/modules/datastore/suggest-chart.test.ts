import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column } from './datastore.types.js';
import { suggestChart } from './views.js';

const column = (id: string, type: Column['type']): Column => ({
  id,
  type,
  sourceType: 'VARCHAR',
  label: null,
  description: null,
});

test('the suggested chart: a sum where there is an amount, never by a unit or a code', () => {
  const works = [
    column('type_travaux', 'text'),
    column('code_arrondissement', 'text'),
    column('montant', 'decimal'),
  ];
  const distinct = new Map([
    ['type_travaux', 8],
    ['code_arrondissement', 4],
  ]);
  assert.deepEqual(suggestChart(works, distinct), {
    kind: 'bar',
    category: 'type_travaux',
    measure: { fn: 'sum', column: 'montant' },
  });
  // With a date, the amounts along time.
  assert.deepEqual(suggestChart([...works, column('date_emission', 'date')], distinct), {
    kind: 'line',
    x: 'date_emission',
    measure: { fn: 'sum', column: 'montant' },
  });
  // Values of different kinds (a unit or a parameter says what each measures): counted, never
  // summed, and never « par unité ».
  const analyses = [
    column('parametre', 'text'),
    column('unite', 'text'),
    column('valeur', 'decimal'),
    column('date_prelevement', 'date'),
  ];
  assert.deepEqual(
    suggestChart(
      analyses,
      new Map([
        ['parametre', 5],
        ['unite', 3],
      ]),
    ),
    {
      kind: 'bar',
      category: 'parametre',
      measure: { fn: 'count', column: null },
    },
  );
  // No amount (coordinates and identifiers are not amounts): rows counted.
  const places = [column('numero', 'integer'), column('latitude', 'decimal'), column('categorie', 'text')];
  assert.deepEqual(suggestChart(places, new Map([['categorie', 5]])), {
    kind: 'bar',
    category: 'categorie',
    measure: { fn: 'count', column: null },
  });
});
