import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tryUrl } from '../src/modules/web/client/api-try.js';

test('a tried call: path parameters filled and encoded, empty ones left out, CKAN parameters as typed', () => {
  assert.equal(
    tryUrl('/api/v1/resources/{id}/data', [
      ['chemin', '/ignored'],
      ['p.id', 'a b/c'],
      ['p.limit', '5'],
      ['p.sort', ''],
    ]),
    '/api/v1/resources/a%20b%2Fc/data?limit=5',
  );
  assert.equal(
    tryUrl('/api/3/action/{action}', [
      ['p.action', 'datastore_search'],
      ['p.query', 'resource_id=x&q=Lévis'],
    ]),
    '/api/3/action/datastore_search?resource_id=x&q=L%C3%A9vis',
  );
});
