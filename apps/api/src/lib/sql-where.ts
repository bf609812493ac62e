/**
 * Builds a WHERE clause from optional filters: `add('u.kind = ?', kind)` numbers the placeholder
 * and skips filters whose value is undefined, so repositories never splice values into SQL.
 */
export class SqlWhere {
  private readonly conds: string[] = [];
  readonly params: unknown[] = [];

  add(cond: string, value: unknown): this {
    if (value === undefined) return this;
    this.params.push(value);
    const n = this.params.length;
    this.conds.push(cond.replaceAll('?', `$${n}`));
    return this;
  }

  /** A condition without a value, added only when `on` is true. */
  when(on: boolean | undefined, cond: string): this {
    if (on) this.conds.push(cond);
    return this;
  }

  /** `and a and b`, to extend a query that already has a WHERE; '' when no filter was given. */
  get andSql(): string {
    return this.conds.map((c) => ` and ${c}`).join('');
  }

  /** `where a and b`, or '' when no filter was given. */
  get sql(): string {
    return this.conds.length ? `where ${this.conds.join(' and ')}` : '';
  }
}
