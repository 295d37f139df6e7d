/**
 * Worker of `runChunks`: for each run posted to it, claims and computes chunks until none is
 * left (see `workChunks`). It waits on its message port, so an idle worker costs nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { workChunks, type ChunkRun } from './row-chunks.js';

const thread = (workerData as { thread: number }).thread;
parentPort?.on('message', (run: ChunkRun) => workChunks(run, thread));
