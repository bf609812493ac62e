import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signPayload, verifySignature } from './signing.js';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: 'a', type: 'reminder.overdue' });
  const now = new Date('2021-07-01T01:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);

  it('verifies what was signed', () => {
    expect(verifySignature(secret, { signature: signPayload(secret, ts, body), timestamp: String(ts) }, body, now)).toBe(true);
  });
  it('refuses another body, another secret, another timestamp, or an old one', () => {
    const sig = signPayload(secret, ts, body);
    expect(verifySignature(secret, { signature: sig, timestamp: String(ts) }, body + ' ', now)).toBe(false);
    expect(verifySignature(newWebhookSecret(), { signature: sig, timestamp: String(ts) }, body, now)).toBe(false);
    expect(verifySignature(secret, { signature: sig, timestamp: String(ts + 1) }, body, now)).toBe(false);
    expect(verifySignature(secret, { signature: sig, timestamp: String(ts) }, body, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifySignature(secret, { signature: undefined, timestamp: String(ts) }, body, now)).toBe(false);
  });
});
