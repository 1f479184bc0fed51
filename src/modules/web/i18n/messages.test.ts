import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WORKSPACE } from '../account/account.messages.js';
import { BROWSE } from '../catalog/catalog.messages.js';
import { FORMS } from './forms.messages.js';
import { LAYOUT } from './layout.messages.js';
import { MESSAGES, translator } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test('every interface string exists in French and in English, with the same placeholders', () => {
  for (const [key, text] of Object.entries(MESSAGES)) {
    assert.ok(text.fr.trim(), `${key} has French`);
    assert.ok(text.en.trim(), `${key} has English`);
    assert.deepEqual(placeholders(text.fr), placeholders(text.en), `${key} placeholders`);
  }
});

test('no two groups of messages define the same key (one would silently replace the other)', () => {
  const groups = [LAYOUT, BROWSE, WORKSPACE, FORMS].map((group) => Object.keys(group));
  const all = groups.flat();
  assert.deepEqual(
    all.filter((key, index) => all.indexOf(key) !== index),
    [],
  );
});

test('the translator fills in values', () => {
  assert.equal(translator('fr')('resultCount', { count: '1 234' }), '1 234 jeux de données');
  assert.equal(translator('en')('pageNumber', { page: 2 }), 'Page 2');
});
