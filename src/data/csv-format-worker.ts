/** Worker of `writeCsv`: formats each block of rows it is sent and sends the bytes back. */
import { parentPort } from 'node:worker_threads';
import { csvFormatter } from './csv-formatter.js';
import type { CsvWorkerReply, CsvWorkerRequest } from './write-csv.js';

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
