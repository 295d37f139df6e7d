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
  /** Drops every cached answer (another process changed the store). */
  clear(): void;
}

/** Options of `createStoreGate`. Defaults: 500 answers and 64 MB at most. */
export interface StoreGateOptions {
  readonly maxEntries?: number;
  /** Bytes of cached answers kept at most (an answer over a quarter of it is not kept). */
  readonly maxBytes?: number | undefined;
}

/** Cache budget when none is given: 64 MB. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Bytes an answer takes, near enough: a buffer's length, else twice the length of its JSON
 * (JavaScript strings hold UTF-16); an object's buffer fields count by their length.
 * @example answerBytes({ total: 3, body: Buffer.from('[]') }) // 2 + 2 × '{"total":3}'.length
 */
export function answerBytes(value: unknown): number {
  if (Buffer.isBuffer(value)) return value.byteLength;
  if (typeof value === 'string') return 2 * value.length;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const buffers = Object.entries(value).filter(([, v]) => Buffer.isBuffer(v));
    if (buffers.length > 0) {
      const rest = Object.fromEntries(Object.entries(value).filter(([, v]) => !Buffer.isBuffer(v)));
      return buffers.reduce((n, [, b]) => n + (b as Buffer).byteLength, answerBytes(rest));
    }
  }
  try {
    return 2 * (JSON.stringify(value)?.length ?? 0);
  } catch {
    return Infinity;
  }
}

interface Entry {
  readonly promise: Promise<unknown>;
  bytes: number;
}

/**
 * A readers-writer gate with a read cache for one DuckDB connection (a transaction on a
 * shared connection would otherwise take in other requests' statements). The cache keeps
 * at most `maxEntries` answers and `maxBytes` bytes of them, dropping the oldest. Writers are
 * served in order and block new readers, so a write never starves.
 * @example const gate = createStoreGate({ maxBytes: 32 * 2 ** 20 }); await gate.write(() => addMeasure(store, id, m))
 */
export function createStoreGate(options: StoreGateOptions = {}): StoreGate & {
  /** Bytes of the answers now cached. */
  readonly cachedBytes: number;
} {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
  let readers = 0;
  let writing = false;
  let bytes = 0;
  const queue: { write: boolean; go: () => void }[] = [];
  const cache = new Map<string, Entry>();
  const drop = (key: string) => {
    const e = cache.get(key);
    if (!e) return;
    bytes -= e.bytes;
    cache.delete(key);
  };
  const trim = () => {
    for (const key of cache.keys()) {
      if (cache.size <= maxEntries && bytes <= maxBytes) return;
      drop(key);
    }
  };
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
  const gate = {
    async read<T>(body: () => Promise<T>): Promise<T> {
      await enter(false);
      try {
        return await body();
      } finally {
        readers--;
        pump();
      }
    },
    async write<T>(body: () => Promise<T>, o: { keepCache?: boolean } = {}): Promise<T> {
      await enter(true);
      try {
        return await body();
      } finally {
        if (!o.keepCache) gate.clear();
        writing = false;
        pump();
      }
    },
    cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
      return gate.memo(key, () => gate.read(compute));
    },
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const hit = cache.get(key);
      if (hit) return hit.promise as Promise<T>;
      const p = compute();
      const entry: Entry = { promise: p, bytes: 0 };
      cache.set(key, entry);
      trim();
      p.then(
        (value) => {
          if (cache.get(key) !== entry) return;
          const size = answerBytes(value);
          if (size > maxBytes / 4) return drop(key);
          entry.bytes = size;
          bytes += size;
          trim();
        },
        () => {
          if (cache.get(key) === entry) drop(key);
        },
      );
      return p;
    },
    clear() {
      cache.clear();
      bytes = 0;
    },
    get cachedBytes() {
      return bytes;
    },
  };
  return gate;
}
