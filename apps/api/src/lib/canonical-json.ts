/** JSON with object keys sorted at every level, so that a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (isFlatAndSorted(obj)) return JSON.stringify(obj);
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const isPrimitive = (x: unknown) => x === null || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';

/**
 * Whether JSON.stringify already writes `obj` canonically: keys in order, no undefined, values
 * primitives or arrays of them. A score run's inputs hold tens of thousands of such records, which
 * the native writer turns out several times faster.
 */
function isFlatAndSorted(obj: Record<string, unknown>): boolean {
  let prev = '';
  for (const k in obj) {
    if (!Object.hasOwn(obj, k) || k < prev) return false;
    prev = k;
    const v = obj[k];
    if (isPrimitive(v)) continue;
    if (!Array.isArray(v) || !v.every(isPrimitive)) return false;
  }
  return true;
}
