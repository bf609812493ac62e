/** The functions a formula may call: a closed list, so nothing outside it can ever run. */

/** How many arguments a function takes and what it does, for validation and the admin's help text. */
export interface FunctionSpec {
  name: string;
  minArgs: number;
  maxArgs: number;
  /** Usage in Chinese, e.g. "clamp(x, 下限, 上限)：把 x 限制在区间内". */
  usage: string;
}

/** Every function of the language. */
export const FORMULA_FUNCTIONS: readonly FunctionSpec[] = [
  { name: 'if', minArgs: 3, maxArgs: 3, usage: 'if(条件, 甲, 乙)：条件不为 0 时取甲，否则取乙（只计算取到的一支）' },
  { name: 'min', minArgs: 1, maxArgs: Infinity, usage: 'min(a, b, …)：最小值' },
  { name: 'max', minArgs: 1, maxArgs: Infinity, usage: 'max(a, b, …)：最大值' },
  { name: 'clamp', minArgs: 3, maxArgs: 3, usage: 'clamp(x, 下限, 上限)：把 x 限制在 [下限, 上限] 内' },
  { name: 'abs', minArgs: 1, maxArgs: 1, usage: 'abs(x)：绝对值' },
  { name: 'round', minArgs: 1, maxArgs: 2, usage: 'round(x, 位数)：四舍五入到指定小数位（默认 0 位，最多 10 位）' },
];

/** Looks up a function by name (case-sensitive). */
export function findFunction(name: string): FunctionSpec | undefined {
  return FORMULA_FUNCTIONS.find((f) => f.name === name);
}

/** "需要 3 个参数" / "需要 1–2 个参数" / "至少需要 1 个参数". */
export function arityText(spec: FunctionSpec): string {
  if (spec.maxArgs === Infinity) return `至少需要 ${spec.minArgs} 个参数`;
  return spec.minArgs === spec.maxArgs ? `需要 ${spec.minArgs} 个参数` : `需要 ${spec.minArgs}–${spec.maxArgs} 个参数`;
}
