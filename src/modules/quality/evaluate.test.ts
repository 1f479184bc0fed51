import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DatasetFacts, evaluate, type ResourceFacts, readableLength, scoreOf } from './evaluate.js';

const NOW = new Date('2026-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

function resource(overrides: Partial<ResourceFacts> = {}): ResourceFacts {
  return {
    name: 'fichier.csv',
    kind: 'upload',
    format: 'CSV',
    updatedAt: daysAgo(1),
    link: null,
    table: null,
    schema: null,
    ...overrides,
  };
}

function facts(overrides: Partial<DatasetFacts> = {}): DatasetFacts {
  return {
    notes: { fr: 'x'.repeat(250), en: null },
    license: { id: 'cc-by', title: { fr: 'CC BY', en: 'CC BY' }, open: true },
    updateFrequency: 'monthly',
    temporalStart: '2024-01-01',
    temporalEnd: null,
    bbox: { west: -80, south: 45, east: -57, north: 62 },
    contactEmail: 'a@b.test',
    metadataModified: daysAgo(400),
    resources: [resource()],
    ...overrides,
  };
}

const verdicts = (input: DatasetFacts) =>
  Object.fromEntries(evaluate(input, NOW).map((outcome) => [outcome.id, outcome.status]));

test('a monthly frequency is kept up to 47 days after the last update, not 48', () => {
  assert.equal(
    verdicts(facts({ resources: [resource({ updatedAt: daysAgo(47) })] }))['frequency-kept'],
    'passed',
  );
  assert.equal(
    verdicts(facts({ resources: [resource({ updatedAt: daysAgo(48) })] }))['frequency-kept'],
    'failed',
  );
  // Without resources, the metadata's last change is the last update.
  assert.equal(verdicts(facts({ resources: [] }))['frequency-kept'], 'failed');
  // The newest resource counts.
  const mixed = [resource({ updatedAt: daysAgo(300) }), resource({ updatedAt: daysAgo(3) })];
  assert.equal(verdicts(facts({ resources: mixed }))['frequency-kept'], 'passed');
});

test('the score is the weighted share of the criteria that apply', () => {
  // Everything passes but the dictionary (10) and the schema (5), which apply to a described table.
  const table = resource({ table: { columns: 2, undescribed: ['b'] } });
  assert.equal(scoreOf(evaluate(facts({ resources: [table] }), NOW)), 85);
  // Without a CSV file or a table, neither applies: 100.
  const geojson = resource({ format: 'GEOJSON' });
  assert.equal(scoreOf(evaluate(facts({ resources: [geojson] }), NOW)), 100);
});

test('links: a failing one fails the criterion; unchecked ones leave it out until checked', () => {
  const failing = resource({
    kind: 'link',
    name: 'carte',
    link: { ok: false, reason: { fr: 'HTTP 404', en: 'HTTP 404' } },
  });
  const unchecked = resource({ kind: 'link', link: null });
  const reachable = (list: ResourceFacts[]) =>
    evaluate(facts({ resources: list }), NOW).find((o) => o.id === 'resources-reachable');
  assert.equal(reachable([failing, unchecked])?.status, 'failed');
  assert.equal(reachable([failing])?.evidence.en, '1 of 1 resource does not answer: “carte” (HTTP 404)');
  assert.equal(reachable([unchecked])?.status, 'not-applicable');
  assert.equal(
    reachable([resource(), resource({ kind: 'internal' })])?.evidence.fr,
    '2 ressources accessibles (2 sur le portail)',
  );
});

test('formats: one open format suffices; closed and unknown ones are named', () => {
  const formats = (list: (string | null)[]) =>
    evaluate(facts({ resources: list.map((format) => resource({ format })) }), NOW).find(
      (o) => o.id === 'open-formats',
    );
  assert.equal(formats(['PDF', null])?.status, 'failed');
  assert.equal(
    formats(['PDF', null])?.evidence.fr,
    'aucun format ouvert lisible par machine : PDF, format inconnu',
  );
  assert.equal(formats(['CSV', 'XLSX'])?.evidence.en, 'CSV; also XLSX');
});

test('a description is measured as read: links and Markdown marks do not count', () => {
  assert.equal(
    readableLength('# Titre\n\nVoir [le site](https://exemple.test/une/adresse/longue) **ici**.'),
    24,
  );
  assert.equal(readableLength(null), 0);
});
