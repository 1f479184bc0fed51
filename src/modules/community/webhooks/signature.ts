import { createHmac, randomBytes } from 'node:crypto';

/** A new secret as Standard Webhooks writes them: `whsec_` and the base64 of 32 random bytes. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The headers of a signed delivery (Standard Webhooks 1.0): `webhook-id`, `webhook-timestamp`
 * (seconds) and `webhook-signature`, `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`
 * keyed with the secret's decoded bytes.
 */
export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}
