/**
 * A recursive-descent parser for the formula language — no `eval`, no `Function`: a formula can
 * only ever combine numbers and named inputs with the operators and functions listed here.
 *
 *   expr    := or
 *   or      := and ("||" and)*
 *   and     := cmp ("&&" cmp)*
 *   cmp     := add (("<" | "<=" | ">" | ">=" | "==" | "!=") add)?
 *   add     := mul (("+" | "-") mul)*
 *   mul     := unary (("*" | "/") unary)*
 *   unary   := ("-" | "+" | "!") unary | primary
 *   primary := number | name | name "(" [expr ("," expr)*] ")" | "(" expr ")"
 */
import type { BinaryOperator, FormulaNode } from './ast.js';
import { FormulaError } from './errors.js';
import { tokenize, type Operator, type Token } from './tokenizer.js';

/** Deepest nesting of parentheses, calls and prefix signs accepted. */
export const MAX_FORMULA_DEPTH = 64;

const COMPARISONS: readonly Operator[] = ['<', '<=', '>', '>=', '==', '!='];

const describe = (t: Token): string => (t.kind === 'end' ? '公式结尾' : `「${t.text}」`);

class Parser {
  private index = 0;
  private depth = 0;
  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  private peek(): Token {
    const t = this.tokens[this.index] ?? this.tokens[this.tokens.length - 1];
    if (!t) throw new FormulaError('EMPTY', 0, '公式为空');
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.index++;
    return t;
  }

  private isOp(...ops: Operator[]): Operator | null {
    const t = this.peek();
    return t.kind === 'op' && ops.includes(t.op) ? t.op : null;
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_FORMULA_DEPTH) {
      throw new FormulaError('TOO_COMPLEX', pos, `嵌套过深（超过 ${MAX_FORMULA_DEPTH} 层）`);
    }
  }

  private unexpected(t: Token, expected: string): never {
    if (t.kind === 'end') throw new FormulaError('UNEXPECTED_END', t.pos, `公式不完整，缺少${expected}`);
    throw new FormulaError('UNEXPECTED_TOKEN', t.pos, `此处不应出现${describe(t)}，应为${expected}`);
  }

  parseFormula(): FormulaNode {
    if (this.peek().kind === 'end') throw new FormulaError('EMPTY', 0, '公式为空');
    const node = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'end') this.unexpected(t, '运算符或公式结尾');
    return node;
  }

  private binaryLoop(ops: Operator[], operand: () => FormulaNode): FormulaNode {
    let left = operand();
    for (let op = this.isOp(...ops); op; op = this.isOp(...ops)) {
      const pos = this.next().pos;
      const right = operand();
      left = { type: 'binary', op: op as BinaryOperator, left, right, pos };
    }
    return left;
  }

  private parseOr(): FormulaNode {
    return this.binaryLoop(['||'], () => this.parseAnd());
  }

  private parseAnd(): FormulaNode {
    return this.binaryLoop(['&&'], () => this.parseComparison());
  }

  private parseComparison(): FormulaNode {
    const left = this.parseAdditive();
    const op = this.isOp(...COMPARISONS);
    if (!op) return left;
    const pos = this.next().pos;
    const right = this.parseAdditive();
    const again = this.peek();
    if (again.kind === 'op' && COMPARISONS.includes(again.op)) {
      throw new FormulaError('CHAINED_COMPARISON', again.pos, '比较运算不能连写，请用「&&」连接两个比较');
    }
    return { type: 'binary', op: op as BinaryOperator, left, right, pos };
  }

  private parseAdditive(): FormulaNode {
    return this.binaryLoop(['+', '-'], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): FormulaNode {
    return this.binaryLoop(['*', '/'], () => this.parseUnary());
  }

  private parseUnary(): FormulaNode {
    const op = this.isOp('-', '+', '!');
    if (!op) return this.parsePrimary();
    const pos = this.next().pos;
    this.enter(pos);
    const operand = this.parseUnary();
    this.depth--;
    return { type: 'unary', op: op as '-' | '+' | '!', operand, pos };
  }

  private parsePrimary(): FormulaNode {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { type: 'number', value: t.value, pos: t.pos };
      case 'name': {
        if (this.peek().kind !== 'lparen') return { type: 'name', name: t.name, pos: t.pos };
        this.next();
        this.enter(t.pos);
        const args: FormulaNode[] = [];
        if (this.peek().kind !== 'rparen') {
          args.push(this.parseOr());
          while (this.peek().kind === 'comma') {
            this.next();
            args.push(this.parseOr());
          }
        }
        const close = this.next();
        if (close.kind !== 'rparen') this.unexpected(close, `「,」或「)」（函数 ${t.name} 的参数）`);
        this.depth--;
        return { type: 'call', name: t.name, args, pos: t.pos };
      }
      case 'lparen': {
        this.enter(t.pos);
        const inner = this.parseOr();
        const close = this.next();
        if (close.kind !== 'rparen') this.unexpected(close, `与第 ${t.pos + 1} 个字符处「(」配对的「)」`);
        this.depth--;
        return inner;
      }
      default:
        return this.unexpected(t, '数字、名称或「(」');
    }
  }
}

/** Parses a formula into its syntax tree; throws FormulaError with the position of the first problem. */
export function parseFormula(source: string): FormulaNode {
  return new Parser(tokenize(source)).parseFormula();
}
