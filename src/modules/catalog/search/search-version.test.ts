import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db, ListenHandlers } from '../../../platform/db/index.js';
import { createSearchVersionRepo } from './search-version.repo.js';

/** A database whose sequence and channel the test drives, counting the sequence's reads. */
function fakeDb() {
  const state = { value: 0, reads: 0, handlers: null as ListenHandlers | null };
  const db = {
    engine: 'postgres',
    async query(sql: string) {
      if (sql.includes('nextval')) {
        state.value++;
        return [{ v: state.value }];
      }
      state.reads++;
      return [{ last_value: state.value, is_called: state.value > 0 }];
    },
    async listen(_channel: string, handlers: ListenHandlers) {
      state.handlers = handlers;
      handlers.ready();
      return async () => undefined;
    },
  } as unknown as Db;
  return { db, state };
}

test('while announcements are heard, the version is known without reading the database', async () => {
  const { db, state } = fakeDb();
  const versions = createSearchVersionRepo(db);
  await versions.start();
  assert.equal(await versions.current(), '0');
  assert.equal(await versions.current(), '0');
  assert.equal(state.reads, 1, 'read once, then known');
  // Another process bumps it: the announcement is the new version.
  state.value = 5;
  state.handlers?.notify('5');
  assert.equal(await versions.current(), '5');
  // An older announcement arriving late does not take it back.
  state.handlers?.notify('4');
  assert.equal(await versions.current(), '5');
  await versions.bump();
  assert.equal(await versions.current(), '6');
  assert.equal(state.reads, 1);
});

test('once the subscription is lost, every lookup reads the database until it is back', async () => {
  const { db, state } = fakeDb();
  const versions = createSearchVersionRepo(db);
  await versions.start();
  await versions.current();
  state.handlers?.lost();
  state.value = 9; // changed while nobody listened
  assert.equal(await versions.current(), '9');
  assert.equal(await versions.current(), '9');
  assert.equal(state.reads, 3);
  state.handlers?.ready();
  assert.equal(await versions.current(), '9');
  assert.equal(await versions.current(), '9');
  assert.equal(state.reads, 4, 'read once after listening again, then known');
});
