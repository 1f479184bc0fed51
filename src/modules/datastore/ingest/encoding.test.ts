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

test('UTF-16 is told by its BOM or by its zero bytes, and becomes UTF-8', async () => {
  const { mkdtemp, readFile, writeFile, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const { detectEncoding, transcodeToUtf8 } = await import('./encoding.js');
  const directory = await mkdtemp(path.join(os.tmpdir(), 'quai-utf16-'));
  try {
    const text = 'ville;montant\nLévis;12,5\nMontréal;« 3 € »\n'.repeat(50);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const cases = [
      ['bom-le', le, 'utf-16le'],
      ['bare-le', le.subarray(2), 'utf-16le'],
      ['bom-be', Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be'],
      ['bare-be', be, 'utf-16be'],
    ] as const;
    for (const [name, bytes, expected] of cases) {
      const file = path.join(directory, name);
      await writeFile(file, bytes);
      const encoding = await detectEncoding(file);
      assert.equal(encoding, expected, name);
      await transcodeToUtf8(file, `${file}.utf8`, expected, () => {});
      assert.equal(await readFile(`${file}.utf8`, 'utf8'), text, name);
    }
    await writeFile(path.join(directory, 'binary'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 0, 9]));
    assert.equal(await detectEncoding(path.join(directory, 'binary')), 'binary');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
