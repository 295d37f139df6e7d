// Times povrisk's .dta reader on FILE, REPS times (every column: readDta; the numeric columns
// as estimators read them: readColumns); prints each time in seconds.
// Usage: node bench/dta-read.mjs FILE [REPS]   (run `npm run build` first)
import { performance } from 'node:perf_hooks';
import { readDta } from '../dist/data/read-dta.js';
import { readColumns } from '../dist/data/read.js';

const [file, repsArg] = process.argv.slice(2);
const reps = Number(repsArg ?? 3);
for (let r = 0; r < reps; r++) {
  let t0 = performance.now();
  const table = await readDta(file);
  const s1 = (performance.now() - t0) / 1000;
  console.log(`povrisk readDta ${s1.toFixed(3)} s (${table.rows} x ${table.columns.length})`);
  const numeric = table.columns.filter((c) => c.numbers).map((c) => c.name);
  t0 = performance.now();
  const data = await readColumns(file, { numeric });
  const s2 = (performance.now() - t0) / 1000;
  console.log(`povrisk readColumns ${s2.toFixed(3)} s (${data.rows} x ${numeric.length} numeric)`);
}
