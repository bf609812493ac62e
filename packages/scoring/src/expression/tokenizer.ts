/** Splits a formula into tokens, accepting the ×, ÷, − and full-width signs people type in Chinese. */
import { FormulaError } from './errors.js';

/** Operators of the language. */
export type Operator = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||' | '!';

/** One token; `pos` is its 0-based index in the source and `text` its source text. */
export type Token =
  | { kind: 'number'; value: number; pos: number; text: string }
  | { kind: 'name'; name: string; pos: number; text: string }
  | { kind: 'op'; op: Operator; pos: number; text: string }
  | { kind: 'lparen' | 'rparen' | 'comma' | 'end'; pos: number; text: string };

/** Longest formula accepted, so a pasted document cannot tie up the scorer. */
export const MAX_FORMULA_LENGTH = 2000;

const ALIASES: Readonly<Record<string, string>> = {
  '×': '*',
  '÷': '/',
  '−': '-',
  '（': '(',
  '）': ')',
  '，': ',',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
};

const OPERATORS: readonly Operator[] = ['<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '<', '>', '!'];
const NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[\p{L}_][\p{L}\p{N}_]*/u;

/** Tokenizes `source`; throws FormulaError at the first character that cannot start a token. */
export function tokenize(source: string): Token[] {
  if (source.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError('TOO_COMPLEX', MAX_FORMULA_LENGTH, `公式过长（超过 ${MAX_FORMULA_LENGTH} 个字符）`);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const raw = source[i] ?? '';
    if (/\s/.test(raw)) {
      i++;
      continue;
    }
    const ch = ALIASES[raw] ?? raw;
    const rest = source.slice(i);
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', pos: i, text: raw });
      i++;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      const text = num[0];
      const after = source[i + text.length];
      if (after !== undefined && /[\p{L}\p{N}_.]/u.test(after)) {
        throw new FormulaError('INVALID_NUMBER', i, `数字「${text}${after}」写法有误`);
      }
      const value = Number(text);
      if (!Number.isFinite(value)) throw new FormulaError('INVALID_NUMBER', i, `数字「${text}」超出范围`);
      tokens.push({ kind: 'number', value, pos: i, text });
      i += text.length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', name: name[0], pos: i, text: name[0] });
      i += name[0].length;
      continue;
    }
    const normalized = ALIASES[raw] !== undefined ? ch : rest.slice(0, 2);
    const op = OPERATORS.find((o) => normalized.startsWith(o));
    if (op) {
      const width = ALIASES[raw] !== undefined ? 1 : op.length;
      tokens.push({ kind: 'op', op, pos: i, text: source.slice(i, i + width) });
      i += width;
      continue;
    }
    if (ch === '=') throw new FormulaError('UNEXPECTED_CHARACTER', i, '判断相等请用「==」');
    if (ch === '&' || ch === '|') throw new FormulaError('UNEXPECTED_CHARACTER', i, `逻辑运算请用「${ch}${ch}」`);
    const cp = source.codePointAt(i) ?? 0;
    throw new FormulaError('UNEXPECTED_CHARACTER', i, `无法识别的字符「${String.fromCodePoint(cp)}」`);
  }
  tokens.push({ kind: 'end', pos: source.length, text: '' });
  return tokens;
}
