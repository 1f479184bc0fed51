import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { localized } from '../../platform/i18n/index.js';
import { createLimiter } from '../../platform/limiter.js';

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes guessing costly on GPUs.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, maxmem: 64 * 1024 * 1024 };

// Each hash holds one of libuv's threads (shared with file reads and DuckDB) for tens of
// milliseconds: two at a time, a few waiting, and a flood of sign-ins is refused, not queued.
const hashing = createLimiter({
  concurrency: 2,
  queue: 32,
  busy: localized(
    'Le service de connexion est très sollicité : réessayez dans quelques secondes.',
    'Sign-in is very busy: try again in a few seconds.',
  ),
});

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return hashing.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password, salt, SCRYPT.keyLength, { N, r, p, maxmem: SCRYPT.maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url; the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** API tokens carry a prefix so secret scanners can recognise a leaked one. */
const TOKEN_PREFIX = 'quai_';

export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Tokens are long random strings, so a plain SHA-256 is enough to store them safely. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
