import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/, lowest first. A file may import from its own folder or from a folder of a lower
 * layer, never from a folder to its right, and no files import each other in a circle.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['.', 'domain'],
  ['linalg', 'stats'],
  ['data'],
  ['models'],
  ['vep'],
  ['pipeline', 'paper'],
  ['study', 'simulate'],
  ['report', 'monitor'],
  ['server'],
  ['cli'],
];
const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  const abs = resolve(dirname(from), spec);
  const options = spec.endsWith('.js')
    ? [abs.slice(0, -3) + '.ts', abs.slice(0, -3) + '.tsx']
    : [abs + '.ts', join(abs, 'index.ts')];
  return options.find((p) => existsSync(p));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import\(|import|new URL\()\s*'(\.{1,2}\/[^']+)'/g)].map(
    (m) => m[1]!,
  );
  return specs.map((s) => resolveImport(file, s)).filter((p): p is string => p !== undefined);
}

const folderOf = (file: string): string => {
  const rel = relative(SRC, file).split('/');
  return rel.length === 1 ? '.' : rel[0]!;
};
const layerOf = (folder: string): number => LAYERS.findIndex((layer) => layer.includes(folder));

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)] as const));

describe('import graph of src/', () => {
  it('knows the layer of every folder', () => {
    expect(files.length).toBeGreaterThan(100);
    const unknown = [...new Set(files.map(folderOf))].filter((folder) => layerOf(folder) < 0);
    expect(unknown).toEqual([]);
  });

  it('has no import from a folder to the right (the package entry src/index.ts aside)', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [file, targets] of graph) {
      if (relative(SRC, file) === 'index.ts') continue;
      const from = folderOf(file);
      for (const target of targets) {
        checked++;
        const to = folderOf(target);
        if (to === from) continue;
        if (layerOf(to) >= layerOf(from))
          wrong.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });

  it('has no cycle among files', () => {
    // Tarjan's strongly connected components; any component of more than one file is a cycle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const cycles: string[][] = [];
    let next = 0;
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
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
          component.push(relative(SRC, w));
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(index.size).toBe(files.length);
    expect(cycles).toEqual([]);
  });
});
