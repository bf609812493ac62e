import type { Answer } from './api';

/**
 * What the page keeps on the citizen's phone: the draft (so closing the page loses nothing and a
 * retry reuses the submission key), the device id of open mode and the last receipt of each campaign.
 * localStorage may be missing or full (private mode): every access is guarded, and the page still
 * works for the current visit.
 */

const PREFIX = 'kaoping.portal.';

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage unavailable: the draft lives only as long as the page.
  }
}

/** Random hex from the platform's generator (Math.random only where there is none). */
export function randomHex(bytes: number): string {
  const out = new Uint8Array(bytes);
  const c = typeof window !== 'undefined' ? window.crypto : undefined;
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(out);
  else for (let i = 0; i < bytes; i++) out[i] = Math.floor(Math.random() * 256);
  let s = '';
  for (let i = 0; i < out.length; i++) s += (out[i]! < 16 ? '0' : '') + out[i]!.toString(16);
  return s;
}

export interface UnitDraft {
  answer?: Answer;
  reason?: string;
  suggestion?: string;
}

export interface Draft {
  v: 1;
  /** Chosen once per questionnaire: a retry after a lost answer gets the same receipt. */
  submissionKey: string;
  /** The token the questionnaire was first served with for this key: kept, so reloading the page does not restart the clock. */
  served?: string;
  answers: Record<string, UnitDraft>;
  extra: Record<string, string>;
  /** The group the citizen was looking at. */
  group?: string;
}

/** A new, empty draft with its own submission key. */
export function newDraft(): Draft {
  return { v: 1, submissionKey: randomHex(16), answers: {}, extra: {} };
}

export function loadDraft(slug: string): Draft | null {
  const d = read<Draft>(`draft.${slug}`);
  return d && d.v === 1 && typeof d.submissionKey === 'string' && d.answers ? d : null;
}

export const saveDraft = (slug: string, draft: Draft): void => write(`draft.${slug}`, draft);
export const clearDraft = (slug: string): void => write(`draft.${slug}`, null);

/** The device id of open mode: made once per browser and kept. */
export function deviceId(): string {
  const known = read<string>('device');
  if (known && known.length >= 16) return known;
  const id = randomHex(16);
  write('device', id);
  return id;
}

export interface StoredReceipt {
  receipt: string;
  submittedAt: string;
  units: number;
  suggestions: number;
}

export const loadReceipt = (slug: string): StoredReceipt | null => read<StoredReceipt>(`receipt.${slug}`);
export const saveReceipt = (slug: string, r: StoredReceipt): void => write(`receipt.${slug}`, r);

/** How many units of a draft have an answer. */
export function answeredCount(d: Draft): number {
  let n = 0;
  for (const k in d.answers) if (d.answers[k]!.answer) n++;
  return n;
}
