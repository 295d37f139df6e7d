/** Worker of `readPlainCsv`: parses its byte range of the file and posts the blocks back. */
import { parentPort } from 'node:worker_threads';
import {
  parseCsvRange,
  type CsvParseStatus,
  type CsvPlan,
  type ParsedBlock,
} from './csv-parser.js';

/** What the worker is sent. */
export interface CsvParseJob {
  readonly path: string;
  readonly from: number;
  readonly to: number;
  readonly plan: CsvPlan;
}

/** What it posts: each block in order, then how it ended. */
export type CsvParseMessage =
  | { readonly block: ParsedBlock }
  | { readonly status: CsvParseStatus }
  | { readonly error: string };

parentPort?.on('message', (job: CsvParseJob) => {
  let message: CsvParseMessage;
  try {
    const status = parseCsvRange(job.path, job.from, job.to, job.plan, (block) => {
      const buffers = [...block.numeric, ...block.codes].map((a) => a.buffer as ArrayBuffer);
      parentPort?.postMessage({ block } satisfies CsvParseMessage, buffers);
    });
    message = { status };
  } catch (e) {
    message = { error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(message);
});
