import { useEffect, useState } from 'preact/hooks';

/** The state of a load: data, error message, and a reload function. */
export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  reload: () => void;
}

/** Loads data when `key` changes (e.g. a URL); keeps the last data while reloading. */
export function useData<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && (setData(d), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [key, n]);
  return { data, error, reload: () => setN(n + 1) };
}
