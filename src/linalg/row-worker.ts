/**
 * Worker of `runChunks`: for each run posted to it, claims and computes chunks until none is
 * left (see `workChunks`); for a fold pipeline, applies its share of each block's reflections
 * (see `workFoldPipeline`). It waits on its message port, so an idle worker costs nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { workFoldPipeline, type FoldPipelineRun } from './fold-pipeline-worker.js';
import { workChunks, type ChunkRun } from './row-chunks.js';

const thread = (workerData as { thread: number }).thread;
parentPort?.on('message', (run: ChunkRun | FoldPipelineRun) => {
  if ('foldPipeline' in run) workFoldPipeline(run);
  else workChunks(run, thread);
});
