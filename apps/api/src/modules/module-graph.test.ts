import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The modules depend on one another one way only: a module that reacts to another's news subscribes
 * to its event (lib/domain-events.ts) instead of being called by it, platform pieces (files, privacy,
 * SMS, lights) are modules of their own, and what joins several modules (task-origins) sits above them.
 * This reads the source's relative imports and fails naming the modules of any cycle.
 */

const MODULES = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Relative imports of a file (type-only imports count: they couple the modules too). */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'(\.\.?\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));

const moduleOf = (file: string): string | undefined => {
  const rel = relative(MODULES, file);
  return rel.startsWith('..') || !rel.includes('/') ? undefined : rel.split('/')[0];
};

/** Strongly connected components of more than one node (Tarjan): each one is a cycle. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('module dependencies', () => {
  const files = sources(MODULES);

  it('have no cycle between modules', () => {
    const graph = new Map<string, Set<string>>();
    for (const file of files) {
      const from = moduleOf(file);
      if (!from) continue;
      const edges = graph.get(from) ?? new Set<string>();
      graph.set(from, edges);
      for (const target of importsOf(file)) {
        const to = moduleOf(target);
        if (to && to !== from) edges.add(to);
      }
    }
    expect(graph.size).toBeGreaterThan(20);
    expect(cycles(graph)).toEqual([]);
  });

  it('have no cycle between files', () => {
    const graph = new Map(files.map((f) => [f, new Set(importsOf(f).filter((t) => t.startsWith(MODULES)))]));
    expect(cycles(graph).map((c) => c.map((f) => relative(MODULES, f)))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['tasks', new Set(['ledger'])],
      ['ledger', new Set(['tasks'])],
      ['scores', new Set(['tasks'])],
    ]);
    expect(cycles(graph)).toEqual([['ledger', 'tasks']]);
  });
});
