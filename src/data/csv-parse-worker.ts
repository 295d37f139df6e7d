/** Worker of `readPlainCsv`: parses each chunk of whole lines it is sent, in the order sent. */
import { parentPort } from 'node:worker_threads';
import {
  csvParser,
  type CsvParser,
  type CsvParseStatus,
  type CsvPlan,
  type ParsedBlock,
} from './csv-parser.js';

/** What the worker is sent: the plan once, then chunks of whole lines. */
export type CsvParseJob =
  { readonly plan: CsvPlan } | { readonly id: number; readonly bytes: Uint8Array };

/** What it answers for each chunk: its blocks, or why the file is not plain. */
export type CsvParseReply =
  | { readonly id: number; readonly blocks: ParsedBlock[] }
  | { readonly id: number; readonly status: Exclude<CsvParseStatus, 'ok'> }
  | { readonly id: number; readonly error: string };

let parser: CsvParser | null = null;
parentPort?.on('message', (job: CsvParseJob) => {
  if ('plan' in job) {
    parser = csvParser(job.plan);
    return;
  }
  let reply: CsvParseReply;
  try {
    const blocks: ParsedBlock[] = [];
    parser!.input.set(job.bytes);
    const status = parser!.parse(job.bytes.length, (b) => blocks.push(b));
    reply = status === 'ok' ? { id: job.id, blocks } : { id: job.id, status };
  } catch (e) {
    reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
  }
  const buffers =
    'blocks' in reply
      ? reply.blocks.flatMap((b) => [...b.numeric, ...b.codes].map((a) => a.buffer as ArrayBuffer))
      : [];
  parentPort?.postMessage(reply, buffers);
});
