import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatDateTime } from './format.js';
import { MESSAGE_GROUPS, MESSAGES, translator } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test('every interface string exists in French and in English, with the same placeholders', () => {
  for (const [key, text] of Object.entries(MESSAGES)) {
    assert.ok(text.fr.trim(), `${key} has French`);
    assert.ok(text.en.trim(), `${key} has English`);
    assert.deepEqual(placeholders(text.fr), placeholders(text.en), `${key} placeholders`);
  }
});

test('no two groups of messages define the same key (one would silently replace the other)', () => {
  const groups = Object.values(MESSAGE_GROUPS).map((group) => Object.keys(group));
  const all = groups.flat();
  assert.deepEqual(
    all.filter((key, index) => all.indexOf(key) !== index),
    [],
  );
});

test('counts agree with their nouns, as each language counts (French: 0 and 1 are singular)', () => {
  const fr = translator('fr');
  const en = translator('en');
  assert.equal(fr('registryResults', { count: '1' }), '1 entreprise');
  assert.equal(fr('registryResults', { count: 0 }), '0 entreprise');
  assert.equal(fr('registryResults', { count: '1 234' }), '1 234 entreprises');
  assert.equal(en('registryResults', { count: '1' }), '1 enterprise');
  assert.equal(en('registryResults', { count: 0 }), '0 enterprises');
  assert.equal(en('registryResults', { count: '1,234' }), '1,234 enterprises');
  assert.equal(fr('errorSummaryTitle', { count: 1 }), 'Le formulaire contient 1 erreur');
  // Every message with a plural form says it in both languages, and has a count to choose by.
  for (const [key, text] of Object.entries(MESSAGES)) {
    const forms = (value: string) => value.match(/\[[^|\]]*\|[^\]]*\]/g)?.length ?? 0;
    if (forms(text.fr) + forms(text.en) === 0) continue;
    assert.ok(forms(text.fr) > 0 && forms(text.en) > 0, `${key}: plural forms in both languages`);
    assert.ok(text.fr.includes('{count}') && text.en.includes('{count}'), `${key}: a count`);
  }
});

test('the translator fills in values', () => {
  assert.equal(translator('fr')('resultCount', { count: '1 234' }), '1 234 jeux de données');
  assert.equal(translator('en')('pageNumber', { page: 2 }), 'Page 2');
});

test('dates: the first of the month is « 1er » in French; times say the hour', () => {
  assert.equal(formatDate('fr', '2026-06-01'), '1er juin 2026');
  assert.equal(formatDate('fr', '2026-06-21'), '21 juin 2026');
  assert.equal(formatDate('en', '2026-06-01'), 'June 1, 2026');
  assert.equal(formatDateTime('fr', new Date('2026-01-01T20:39:00Z')), '1er janvier 2026 à 15 h 39');
});
