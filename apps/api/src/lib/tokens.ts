import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret for cookies, CSRF and API tokens: 256 bits, URL-safe. */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

/** Secrets are stored only as their SHA-256, so a leaked table grants nothing. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
