/** Writes a formula with its names replaced by their values, for the arithmetic line of an explanation. */
import { fmt } from '../explain.js';
import { tokenize, type Token } from './tokenizer.js';

/** Each formula's names and where they stand, by expression: a run writes one formula for every unit. */
const placed = new Map<string, { pos: number; text: string; name: string }[]>();

function namesIn(expression: string): { pos: number; text: string; name: string }[] {
  const known = placed.get(expression);
  if (known) return known;
  const tokens = tokenize(expression);
  const names = tokens.flatMap((t: Token, i) => (t.kind === 'name' && tokens[i + 1]?.kind !== 'lparen' ? [{ pos: t.pos, text: t.text, name: t.name }] : []));
  if (placed.size >= 1000) placed.clear();
  placed.set(expression, names);
  return names;
}

/**
 * "P * min(1, actual / target)" with {P: 120, actual: 85, target: 100} becomes
 * "120 * min(1, 85 / 100)". Function names and unknown names are left as written; negative
 * values are parenthesized. Throws FormulaError only if the formula cannot be tokenized.
 */
export function substituteValues(expression: string, values: Readonly<Record<string, number>>): string {
  let out = '';
  let last = 0;
  for (const t of namesIn(expression)) {
    if (!Object.hasOwn(values, t.name)) continue;
    const v = values[t.name] ?? 0;
    out += expression.slice(last, t.pos) + (v < 0 ? `(${fmt(v)})` : fmt(v));
    last = t.pos + t.text.length;
  }
  return (out + expression.slice(last)).trim();
}
