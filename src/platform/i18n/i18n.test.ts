import assert from 'node:assert/strict';
import { test } from 'node:test';
import { negotiateLocale } from './index.js';

test('Accept-Language picks French or English by quality, else the fallback', () => {
  assert.equal(negotiateLocale('fr-CA,fr;q=0.9,en;q=0.8', 'en'), 'fr');
  assert.equal(negotiateLocale('en-US,fr;q=0.5', 'fr'), 'en');
  assert.equal(negotiateLocale('de,fr;q=0.3', 'en'), 'fr');
  assert.equal(negotiateLocale('fr;q=0, en;q=0.1', 'fr'), 'en');
  assert.equal(negotiateLocale('de', 'fr'), 'fr');
  assert.equal(negotiateLocale(undefined, 'en'), 'en');
});
