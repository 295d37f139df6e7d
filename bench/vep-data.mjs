// Writes a seeded synthetic household file for bench/vep.sh with DuckDB:
//   node bench/vep-data.mjs OUT.parquet N K
// Columns: hid, income (per capita, log-normal with heteroskedastic errors), x1..xK, weight,
// county (3 groups). Deterministic: DuckDB's setseed() plus random() in a single thread.
import { DuckDBInstance } from '@duckdb/node-api';

const [out, nArg, kArg] = process.argv.slice(2);
const n = Number(nArg ?? 1e7);
const k = Number(kArg ?? 10);
if (!out || !Number.isInteger(n) || !Number.isInteger(k) || n < 1 || k < 1) {
  console.error('usage: node bench/vep-data.mjs OUT.parquet N K');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const c = await db.connect();
await c.run('SELECT setseed(0.42)');
// Box-Muller normals from uniform draws; x1 binary, x2..xK standard normal.
const normal = 'sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())';
const xs = Array.from({ length: k }, (_, j) =>
  j === 0 ? `(random() < 0.4)::DOUBLE AS x1` : `${normal} AS x${j + 1}`,
);
await c.run(`CREATE TABLE h AS SELECT i AS hid, ${xs.join(', ')}, 0.5 + 2.5 * random() AS weight,
  (['Xide', 'Muli', 'Yanyuan'])[1 + (i % 3)] AS county, ${normal} AS u FROM range(${n}) t(i)`);
const mean = [
  '8',
  ...Array.from({ length: k }, (_, j) => `${(0.3 / (j + 1)).toFixed(4)} * x${j + 1}`),
].join(' + ');
const sd = `sqrt(0.3 + 0.2 * x1)`;
await c.run(`COPY (SELECT hid, exp(${mean} + ${sd} * u) AS income, ${Array.from({ length: k }, (_, j) => `x${j + 1}`).join(', ')},
  weight, county FROM h ORDER BY hid) TO '${out.replaceAll("'", "''")}' (FORMAT parquet)`);
c.closeSync();
db.closeSync();
console.error(`wrote ${out}: ${n} households, ${k} regressors`);
