import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLoginThrottle } from './login-throttle.js';

test('failures are counted per login within the window, and a success clears them', () => {
  let now = 0;
  const throttle = createLoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
  for (let i = 0; i < 3; i++) {
    assert.equal(throttle.waitSeconds('Alice'), 0);
    throttle.failed('alice');
    now += 1000;
  }
  assert.equal(throttle.waitSeconds('ALICE'), 57, 'until the first failure leaves the window');
  assert.equal(throttle.waitSeconds('bob'), 0, 'other logins are not affected');
  now = 60_001;
  assert.equal(throttle.waitSeconds('alice'), 0);
  throttle.failed('alice');
  throttle.succeeded('alice');
  throttle.failed('alice');
  assert.equal(throttle.waitSeconds('alice'), 0);
});
