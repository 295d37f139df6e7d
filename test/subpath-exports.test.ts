import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Imports a package subpath in a fresh Node process whose resolve hook records every bare
 * specifier (the packages) that the import pulls in, and returns them with the subpath's exports.
 */
function load(subpath: string): { packages: string[]; exports: string[] } {
  const hook = `export async function resolve(s, c, next) { if (!s.startsWith('.') && !s.startsWith('node:') && !s.startsWith('file:')) process.stderr.write('PKG ' + s + '\\n'); return next(s, c); }`;
  // ESM imports go through the resolve hook; require() (DuckDB's node-api is loaded with it)
  // through Module._load, which is wrapped to say the same.
  const script = `import Module, { register } from 'node:module';
const load = Module._load;
Module._load = function (request, ...rest) {
  if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:')) process.stderr.write('PKG ' + request + '\\n');
  return load.call(this, request, ...rest);
};
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
const m = await import(${JSON.stringify(subpath)});
process.stdout.write(JSON.stringify(Object.keys(m)));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  const packages = [...r.stderr.matchAll(/^PKG (\S+)$/gm)].map((m) => m[1]!);
  return { packages, exports: JSON.parse(r.stdout) as string[] };
}

const HEAVY = ['@duckdb/node-api', '@duckdb/node-bindings', 'docx', 'exceljs', 'fastify'];

describe('subpath exports load only what the caller uses', () => {
  const cases: [string, string[], string[]][] = [
    ['povrisk/linalg', ['qr', 'tsqr'], HEAVY],
    ['povrisk/models', ['ols', 'vcovOls', 'regress', 'quantreg', 'stepwise'], HEAVY],
    ['povrisk/vep', ['estimateVep', 'povertyLine'], HEAVY],
    [
      'povrisk/report',
      ['regressionTable', 'toMarkdown', 'toLatex'],
      ['@duckdb/node-api', '@duckdb/node-bindings', 'fastify'],
    ],
  ];
  for (const [subpath, names, forbidden] of cases) {
    it(`${subpath} exports ${names.join(', ')} without loading ${forbidden.join(', ')}`, () => {
      const { packages, exports } = load(subpath);
      for (const name of names) expect(exports, name).toContain(name);
      for (const pkg of forbidden) expect(packages, pkg).not.toContain(pkg);
    });
  }
  it('the package root still exports everything, the monitor among it', () => {
    const { packages, exports } = load('povrisk');
    for (const name of [
      'readColumns',
      'regressFile',
      'estimateVep',
      'runStudy',
      'toDocx',
      'monitor',
    ])
      expect(exports, name).toContain(name);
    expect(packages).toContain('@duckdb/node-api');
  });
});
