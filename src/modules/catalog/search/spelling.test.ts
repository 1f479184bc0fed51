import assert from 'node:assert/strict';
import { test } from 'node:test';
import { correctQuery, trigramSimilarity } from './spelling.js';

test('trigram similarity matches pg_trgm on simple words', () => {
  assert.equal(trigramSimilarity('eau', 'eau'), 1);
  assert.equal(trigramSimilarity('abc', 'xyz'), 0);
  // PostgreSQL 15 answers similarity('municipalte', 'municipalite') = 0.6666667
  assert.equal(Number(trigramSimilarity('municipalte', 'municipalite').toFixed(4)), 0.6667);
});

test('misspelt words are replaced by the closest word of the titles, accents restored', () => {
  const titles = ['Répertoire des municipalités du Québec', "Qualité de l'eau potable"];
  assert.equal(correctQuery('repertoir municipalte', titles), 'répertoire municipalités');
  assert.equal(correctQuery('qualiter', titles), 'qualité');
  assert.equal(correctQuery('municipalités', titles), null, 'nothing to correct');
  assert.equal(correctQuery('zzzz', titles), null, 'nothing close enough');
});
