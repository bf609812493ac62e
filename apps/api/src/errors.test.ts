import { readFileSync } from 'node:fs';
import { ERROR_STATUS } from '@kaoping/shared';
import { describe, expect, it } from 'vitest';

const api = readFileSync(new URL('../../../docs/API.md', import.meta.url), 'utf8');
/** Every row of docs/API.md's code tables: `| \`CODE\` | status | … |`. */
const documented = new Map([...api.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));

describe('the error codes', () => {
  it('are each documented in docs/API.md with their status', () => {
    const undocumented = Object.keys(ERROR_STATUS).filter((c) => !documented.has(c));
    expect(undocumented).toEqual([]);
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(documented.get(code), code).toBe(status);
  });

  it('documented are all codes the API has', () => {
    expect([...documented.keys()].filter((c) => !(c in ERROR_STATUS))).toEqual([]);
  });
});
