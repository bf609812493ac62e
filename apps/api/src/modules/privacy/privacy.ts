import { createHmac } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { findPrivacyKey } from './privacy.repository.js';

/**
 * PIPL: phone numbers and device marks are kept only as keyed hashes, addresses only truncated.
 * The key is PRIVACY_KEY when set, else the one made for this installation at migration.
 */
export class Privacy {
  private key: Promise<string> | undefined;
  constructor(
    private readonly db: Queryable,
    private readonly configured: string | undefined,
  ) {}

  /** A keyed hash (HMAC-SHA-256): the stand-in for a phone or device, or the seal of a served questionnaire. */
  async hash(kind: 'phone' | 'device' | 'served', value: string): Promise<string> {
    this.key ??= this.loadKey();
    return createHmac('sha256', await this.key).update(`${kind}:${value}`).digest('base64url');
  }

  private async loadKey(): Promise<string> {
    if (this.configured) return this.configured;
    const key = await findPrivacyKey(this.db);
    if (!key) throw new Error('app_secrets.privacy_key is missing: run the migrations');
    return key;
  }
}

/** An IPv4 address to its /24, an IPv6 address to its /48: enough to see bursts, not to find a person. */
export function truncateIp(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) {
    const [head] = ip.split('::');
    const groups = (head ?? '').split(':').filter(Boolean).slice(0, 3);
    while (groups.length < 3) groups.push('0');
    return `${groups.join(':')}::/48`;
  }
  return 'unknown';
}

/** 138****5678: how the admin sees a number in the development SMS outbox. */
export const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
