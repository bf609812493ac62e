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

/**
 * canonicalJson of a large record, its arrays written an element at a time with the event loop let
 * through after every `turn` characters. A province's run inputs take a tenth of a second to write:
 * in one piece the server would answer nobody meanwhile, and a write already on its way to the
 * database (the run's results, several megabytes) would sit in this process's buffer until the end
 * instead of going out alongside.
 */
export async function canonicalJsonInTurns(value: Record<string, unknown>, turn = 512 * 1024): Promise<string> {
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  const members: string[] = [];
  let written = 0;
  const letThrough = async (text: string) => {
    written += text.length;
    if (written < turn) return;
    written = 0;
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const k of keys) {
    const v = value[k];
    if (!Array.isArray(v)) {
      members.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
      continue;
    }
    const elements: string[] = [];
    for (const e of v) {
      const text = canonicalJson(e);
      elements.push(text);
      await letThrough(text);
    }
    members.push(`${JSON.stringify(k)}:[${elements.join(',')}]`);
  }
  return `{${members.join(',')}}`;
}
