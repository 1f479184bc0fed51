import assert from 'node:assert/strict';
import { test } from 'node:test';
import { windows1252ToUtf8 } from './encoding.js';

test('Windows-1252 bytes become the same characters in UTF-8, curly quotes and euro included', () => {
  const text = 'Québec, l’été — 100 € « œuvre » ÀÉÎÔÛ ç ü';
  const table: Record<string, number> = { '’': 0x92, '—': 0x97, '€': 0x80, '«': 0xab, '»': 0xbb, œ: 0x9c };
  const cp1252 = Buffer.from([...text].map((char) => table[char] ?? char.charCodeAt(0)));
  assert.equal(windows1252ToUtf8(cp1252).toString('utf8'), text);
  assert.equal(windows1252ToUtf8(Buffer.from('plain ascii')).toString('utf8'), 'plain ascii');
});
