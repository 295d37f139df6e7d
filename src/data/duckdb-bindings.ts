import { createRequire } from 'node:module';
import type * as Bindings from '@duckdb/node-bindings';

/**
 * DuckDB's C API as `@duckdb/node-bindings` exposes it (the layer under `@duckdb/node-api`).
 * The reader uses it directly: it loads in a few milliseconds where the node-api wrapper
 * takes about 0.1 s, and it hands over each column of a result chunk as one buffer.
 * @example const db = await bindings.open(':memory:'); const con = await bindings.connect(db);
 */
export const bindings: typeof Bindings = createRequire(import.meta.url)('@duckdb/node-bindings');
