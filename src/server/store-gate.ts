/** Serialises access to the store's one connection: reads share it, writes have it alone. */
export interface StoreGate {
  /** Runs a read; several reads run at once, never during a write. */
  read<T>(body: () => Promise<T>): Promise<T>;
  /** Runs a write alone; afterwards cached answers are stale unless `keepCache`. */
  write<T>(body: () => Promise<T>, options?: { keepCache?: boolean }): Promise<T>;
  /** A cached read: `compute` runs once per key, as a read, until the next write. */
  cached<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /**
   * A cached value derived from other reads: `compute` runs once per key until the next
   * write, outside the gate (it must reach the store only through `read` or `cached`).
   */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/**
 * A readers-writer gate with a read cache for one DuckDB connection (a transaction on a
 * shared connection would otherwise take in other requests' statements). The cache keeps
 * at most `maxEntries` answers, dropping the oldest. Writers are served in order and block
 * new readers, so a write never starves.
 * @example const gate = createStoreGate(); await gate.write(() => addMeasure(store, id, m))
 */
export function createStoreGate(options: { maxEntries?: number } = {}): StoreGate {
  const maxEntries = options.maxEntries ?? 500;
  let readers = 0;
  let writing = false;
  const queue: { write: boolean; go: () => void }[] = [];
  const cache = new Map<string, Promise<unknown>>();
  const pump = () => {
    while (queue.length > 0 && !writing) {
      const next = queue[0];
      if (next.write && readers > 0) return;
      queue.shift();
      if (next.write) writing = true;
      else readers++;
      next.go();
      if (next.write) return;
    }
  };
  const enter = (write: boolean) =>
    new Promise<void>((go) => {
      queue.push({ write, go });
      pump();
    });
  const gate: StoreGate = {
    async read(body) {
      await enter(false);
      try {
        return await body();
      } finally {
        readers--;
        pump();
      }
    },
    async write(body, o = {}) {
      await enter(true);
      try {
        return await body();
      } finally {
        if (!o.keepCache) cache.clear();
        writing = false;
        pump();
      }
    },
    cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
      return gate.memo(key, () => gate.read(compute));
    },
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const hit = cache.get(key);
      if (hit) return hit as Promise<T>;
      const p = compute();
      cache.set(key, p);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      p.catch(() => cache.delete(key));
      return p;
    },
  };
  return gate;
}
