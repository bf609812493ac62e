import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonInTurns } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level so key order does not change the text', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text after a JSON round trip with keys reordered (as jsonb does)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const reordered = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        ) as unknown;
        expect(canonicalJson(reordered)).toBe(canonicalJson(JSON.parse(JSON.stringify(v)) as unknown));
      }),
    );
  });

  it('writes a record in turns to the same text, whatever the length of a turn', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 40 }), fc.constant(undefined))), fc.integer({ min: 1, max: 64 }), async (record, turn) => {
        expect(await canonicalJsonInTurns(record, turn)).toBe(canonicalJson(record));
      }),
    );
    const values = Array.from({ length: 10_001 }, (_, i) => ({ unitId: i, sum: i / 3, events: [] }));
    expect(await canonicalJsonInTurns({ values, asOf: '2021-12-31' })).toBe(canonicalJson({ asOf: '2021-12-31', values }));
  });
});

