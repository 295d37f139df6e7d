/** Worker of `writeCsv`: formats each block of rows it is sent and sends the bytes back. */
import { parentPort } from 'node:worker_threads';
import { csvFormatter, type CsvBlockColumn } from './csv-formatter.js';

/** What the worker is sent, and what it answers. */
export interface CsvWorkerRequest {
  readonly id: number;
  readonly columns: readonly CsvBlockColumn[];
  readonly rows: number;
}
export type CsvWorkerReply =
  | { readonly id: number; readonly bytes: Uint8Array }
  | { readonly id: number; readonly error: string };

const formatter = csvFormatter();
parentPort?.on('message', (request: CsvWorkerRequest) => {
  let reply: CsvWorkerReply;
  try {
    reply = { id: request.id, bytes: formatter.formatBlock(request.columns, request.rows) };
  } catch (e) {
    reply = { id: request.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply, 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : []);
});
