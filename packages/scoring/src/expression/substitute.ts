/** Writes a formula with its names replaced by their values, for the arithmetic line of an explanation. */
import { fmt } from '../explain.js';
import { tokenize } from './tokenizer.js';

/**
 * "P * min(1, actual / target)" with {P: 120, actual: 85, target: 100} becomes
 * "120 * min(1, 85 / 100)". Function names and unknown names are left as written; negative
 * values are parenthesized. Throws FormulaError only if the formula cannot be tokenized.
 */
export function substituteValues(expression: string, values: Readonly<Record<string, number>>): string {
  const tokens = tokenize(expression);
  let out = '';
  let last = 0;
  tokens.forEach((t, i) => {
    if (t.kind !== 'name' || tokens[i + 1]?.kind === 'lparen' || !Object.hasOwn(values, t.name)) return;
    const v = values[t.name] ?? 0;
    out += expression.slice(last, t.pos) + (v < 0 ? `(${fmt(v)})` : fmt(v));
    last = t.pos + t.text.length;
  });
  return (out + expression.slice(last)).trim();
}
