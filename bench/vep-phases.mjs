// Where `povrisk vep` spends its time, phase by phase, on the benchmark's file (run by
// bench/vep.sh after the comparison with R; run `npm run build` first):
//   node bench/vep-phases.mjs FILE.csv OUT.csv K
// It does what the CLI does (row workers started during the read, grouping column read as
// codes) and prints the wall time and the process's CPU time of each phase.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { readColumns } from '../dist/data/read.js';
import { writeTable } from '../dist/data/write-table.js';
import { startRowWorkers } from '../dist/linalg/parallel-rows.js';
import { householdTable } from '../dist/vep/household-table.js';
import { estimateVep } from '../dist/vep/vep.js';

const [file, out, kText = '10'] = process.argv.slice(2);
const x = Array.from({ length: Number(kText) }, (_, j) => `x${j + 1}`);
const threads = availableParallelism() > 1 ? 2 : 1;
let wall = performance.now();
let cpu = process.cpuUsage();
const lap = (phase) => {
  const now = performance.now();
  const used = process.cpuUsage(cpu);
  console.log(
    `${phase.padEnd(46)} ${((now - wall) / 1000).toFixed(1).padStart(6)} s wall ${((used.user + used.system) / 1e6).toFixed(1).padStart(6)} s CPU`,
  );
  wall = now;
  cpu = process.cpuUsage();
};
if (threads > 1) startRowWorkers({ threads });
const numeric = ['income', ...x, 'weight'];
const data = await readColumns(file, { numeric, coded: ['county'] });
lap('read (the plain-CSV parser on two workers)');
const result = estimateVep(data, {
  income: 'income',
  x,
  line: 2563.176,
  weights: 'weight',
  by: ['county'],
});
lap('estimate (4 regressions, scores, Table 2)');
await writeTable(out, householdTable(result, {}));
lap('write the per-household CSV');
process.exit(0);
