import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Who serves a store: the server's process id and address. */
export interface ServeMarker {
  readonly pid: number;
  readonly url: string;
}

const markerPath = (db: string) => `${db}.serve.json`;

/**
 * Notes beside a DuckDB store that a dashboard server holds it (`DB.serve.json`, written
 * whole or not at all), so a CLI command refused by the file lock can say why.
 * @example writeServeMarker('povrisk.duckdb', 'http://127.0.0.1:8080')
 */
export function writeServeMarker(db: string, url: string): void {
  const tmp = `${markerPath(db)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ pid: process.pid, url }));
  renameSync(tmp, markerPath(db));
}

/** Removes the marker (when the server stops). @example removeServeMarker('povrisk.duckdb') */
export function removeServeMarker(db: string): void {
  rmSync(markerPath(db), { force: true });
}

/**
 * The server that holds a store, if its marker is there and its process is alive.
 * @example readServeMarker('povrisk.duckdb')?.url // 'http://127.0.0.1:8080'
 */
export function readServeMarker(db: string): ServeMarker | null {
  try {
    const m = JSON.parse(readFileSync(markerPath(db), 'utf8')) as ServeMarker;
    if (!Number.isInteger(m.pid) || typeof m.url !== 'string') return null;
    process.kill(m.pid, 0);
    return m;
  } catch {
    return null;
  }
}
