import { createRequire } from 'node:module';
import type * as DuckDBApi from '@duckdb/node-api';

/**
 * `@duckdb/node-api`, loaded with `require`. The package is CommonJS, and Node's ESM loader
 * pre-parses each of its 120-odd files for named exports before running them: about 0.1 s
 * at every start of the CLI, which `require` does not spend. Types come from the package.
 * @example const { DuckDBInstance } = duckdb; const db = await DuckDBInstance.create(':memory:');
 */
export const duckdb: typeof DuckDBApi = createRequire(import.meta.url)('@duckdb/node-api');
