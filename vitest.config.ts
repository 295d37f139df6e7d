import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // One test file per core. (Vitest's default, one fewer than the cores, runs the files one
    // at a time on 2 cores, where most of them wait on a child process: the CLI, Chromium,
    // PostgreSQL. Two at a time cut a run of six CLI test files from 156–204 s to 86–157 s.)
    maxWorkers: availableParallelism(),
  },
});
