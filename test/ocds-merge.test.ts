/**
 * The OCDS merge routine against the official conformance data: every ocds-merge fixture
 * (test/fixtures/ocds/merge-fixtures), the standard's merging examples and the full-lifecycle
 * fictional example. Deep equality ignores key order and keeps array order, as upstream.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { JsonObject } from '../src/modules/procurement/ocds/json.js';
import { Merger } from '../src/modules/procurement/ocds/merge.js';
import { mergeRulesOf } from '../src/modules/procurement/ocds/merge-rules.js';
import { releaseMergeRules } from '../src/modules/procurement/ocds/standard.js';

const fixtures = 'test/fixtures/ocds/merge-fixtures';
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Merges like upstream's harness and proves the input was left untouched. */
function merge(merger: Merger, releases: JsonObject[], kind: 'compiled' | 'versioned') {
  const before = structuredClone(releases);
  const result = kind === 'compiled' ? merger.compiled(releases) : merger.versioned(releases);
  assert.deepEqual(releases, before, 'the input releases were modified');
  return result;
}

function casesIn(directory: string) {
  return readdirSync(`${fixtures}/${directory}`)
    .map((file) => /^(.*)-(compiled|versioned)\.json$/.exec(file))
    .filter((match) => match !== null)
    .map((match) => ({ name: match[1] as string, kind: match[2] as 'compiled' | 'versioned' }));
}

describe('ocds-merge fixtures', () => {
  const rulesBySet = {
    '1.1': releaseMergeRules(),
    '1.0': mergeRulesOf(read(`${fixtures}/release-schema-1__0__3.json`)),
    schema: mergeRulesOf(read(`${fixtures}/schema.json`)),
  };

  test('the 1.1.5 release schema gives the same rules as the fixtures’ 1.1.4 schema', () => {
    const fixtureRules = mergeRulesOf(read(`${fixtures}/release-schema-1__1__4.json`));
    assert.deepEqual(new Map([...releaseMergeRules()].sort()), new Map([...fixtureRules].sort()));
    assert.equal(releaseMergeRules().get('tender/submissionMethod'), 'wholeList');
    assert.equal(releaseMergeRules().get('parties/roles'), 'wholeList');
    assert.equal(releaseMergeRules().get('id'), 'omit');
    assert.equal(releaseMergeRules().get('awards'), undefined, 'awards are merged by identifier');
  });

  let count = 0;
  for (const [set, rules] of Object.entries(rulesBySet)) {
    for (const { name, kind } of casesIn(set)) {
      count++;
      test(`${set}/${name} (${kind})`, () => {
        const releases = read(`${fixtures}/${set}/${name}.json`);
        const expected = read(`${fixtures}/${set}/${name}-${kind}.json`);
        assert.deepEqual(merge(new Merger(rules), releases, kind), expected);
      });
    }
  }

  const overrides = [
    ['identifier-merge-duplicate-id-by-position', 'identifier-merge-duplicate-id', 'byPosition'],
    ['identifier-merge-duplicate-id-append', 'identifier-merge-duplicate-id', 'append'],
    ['identifier-merge-no-id-append', 'identifier-merge-no-id', 'append'],
  ] as const;
  for (const [expectedName, inputName, override] of overrides) {
    test(`schema/${expectedName} (rule override ${override}, releases merged twice)`, () => {
      const releases = read(`${fixtures}/schema/${inputName}.json`);
      const merger = new Merger(releaseMergeRules(), new Map([['nested/array', override]]));
      const expected = read(`${fixtures}/schema/${expectedName}.json`);
      assert.deepEqual(merge(merger, [...releases, ...releases], 'compiled'), expected);
    });
  }

  test('every fixture pair is run (50 pairs)', () => {
    assert.equal(count, 50);
  });
});

describe('the standard’s merging examples', () => {
  const examples = 'test/fixtures/ocds/examples/merging';
  const merger = new Merger(releaseMergeRules());
  const releasesOf = (...files: string[]) => files.flatMap((file) => read(`${examples}/${file}`).releases);

  test('updates: tender, two updates, award and its update', () => {
    const releases = releasesOf(
      'updates/tender1.json',
      'updates/tender2.json',
      'updates/tender3.json',
      'updates/award1.json',
      'updates/award2.json',
    );
    const [compiledRecord] = read(`${examples}/updates/merged.json`).records;
    const [versionedRecord] = read(`${examples}/updates/versioned.json`).records;
    assert.deepEqual(merge(merger, releases, 'compiled'), compiledRecord.compiledRelease);
    assert.deepEqual(merge(merger, releases, 'versioned'), versionedRecord.versionedRelease);
  });

  for (const [kind, first, second] of [
    ['field', 'field_tender.json', 'field_tenderUpdate.json'],
    ['object', 'object_tender.json', 'object_tenderAmendment.json'],
    ['array', 'array_award.json', 'array_awardAmendment.json'],
  ] as const) {
    test(`deletions with null: ${kind}`, () => {
      const releases = releasesOf(`deletions/${first}`, `deletions/${second}`);
      const [record] = read(`${examples}/deletions/${kind}_record.json`).records;
      assert.deepEqual(merge(merger, releases, 'compiled'), record.compiledRelease);
      assert.deepEqual(merge(merger, releases, 'versioned'), record.versionedRelease);
    });
  }

  test('the fictional full lifecycle (planning → implementation)', () => {
    const dir = 'test/fixtures/ocds/samples/sample-data/fictional-example/1.1';
    const { releases } = read(`${dir}/ocds-213czf-000-00001.json`);
    const [record] = read(`${dir}/record/ocds-213czf-000-00001-withversions.json`).records;
    assert.deepEqual(merge(merger, releases, 'compiled'), record.compiledRelease);
    assert.deepEqual(merge(merger, releases, 'versioned'), record.versionedRelease);
  });
});
