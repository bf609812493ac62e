import { describe, expect, it } from 'vitest';
import { Privacy } from '../privacy/privacy.js';
import { issueServed, readServed } from './served.js';

const privacy = new Privacy({ query: () => Promise.reject(new Error('no database needed')) }, 'a-privacy-key-of-at-least-32-characters');

describe('the served-questionnaire token', () => {
  it('gives back the time it was served, for its campaign and submission key only', async () => {
    const at = Date.parse('2021-12-16T08:00:00.250Z');
    const token = await issueServed(privacy, 7, 'page-key-0000000001', at);
    expect((await readServed(privacy, 7, 'page-key-0000000001', token))?.toISOString()).toBe('2021-12-16T08:00:00.250Z');
    expect(await readServed(privacy, 8, 'page-key-0000000001', token)).toBeNull();
    expect(await readServed(privacy, 7, 'page-key-0000000002', token)).toBeNull();
    expect(await readServed(new Privacy({ query: () => Promise.reject(new Error('unused')) }, 'another-privacy-key-of-32-characters!!'), 7, 'page-key-0000000001', token)).toBeNull();
  });

  it('cannot be moved back in time, and takes a fractional clock reading whole', async () => {
    const token = await issueServed(privacy, 7, 'page-key-0000000001', 1_639_641_600_000.7);
    const [, seal] = token.split('.');
    expect(await readServed(privacy, 7, 'page-key-0000000001', `${(0).toString(36)}.${seal}`)).toBeNull();
    expect((await readServed(privacy, 7, 'page-key-0000000001', token))?.getTime()).toBe(1_639_641_600_000);
    for (const junk of ['', 'x', '1.2.3', `zzzzzzzzzzzzz.${seal}`]) expect(await readServed(privacy, 7, 'page-key-0000000001', junk)).toBeNull();
  });
});
