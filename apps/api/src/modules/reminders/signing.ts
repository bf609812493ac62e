import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook deliveries are signed so a subscriber can tell they come from Kaoping and were not
 * replayed: `x-kaoping-timestamp` holds the Unix time in seconds, and `x-kaoping-signature`
 * holds `v1=` and the hex HMAC-SHA256, keyed with the subscriber's secret, of
 * `<timestamp>.<raw body>`.
 */
export const SIGNATURE_HEADER = 'x-kaoping-signature';
export const TIMESTAMP_HEADER = 'x-kaoping-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a subscriber runs on a delivery: true when the signature matches the body and the
 * timestamp is within `toleranceSeconds` of the subscriber's clock.
 */
export function verifySignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  now: Date = new Date(),
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
