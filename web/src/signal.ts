import { useEffect, useState } from 'preact/hooks';

/** A value that components can follow: `use()` re-renders them when it changes. */
export interface Signal<T> {
  get(): T;
  set(next: T): void;
  use(): T;
}

/** A tiny observable value (no state library needed for two globals). */
export function signal<T>(initial: T): Signal<T> {
  let value = initial;
  const listeners = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const f of listeners) f(next);
    },
    use() {
      const [v, setV] = useState(value);
      useEffect(() => {
        listeners.add(setV);
        setV(value);
        return () => void listeners.delete(setV);
      }, []);
      return v;
    },
  };
}
