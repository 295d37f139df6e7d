import type { AccountAnswer } from '../../src/domain/dashboard-answers.js';
import { signal } from './signal.js';

/** The signed-in account, or null. */
export type Account = AccountAnswer;

export const account = signal<Account | null | undefined>(undefined);

/** An API answer that is not 2xx, with the server's one-line message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ data: T; res: Response }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const a = account.get();
  if (method !== 'GET' && a) headers['x-csrf-token'] = a.csrf_token;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && path !== '/api/login') account.set(null);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data?.error ?? res.statusText);
  return { data: data as T, res };
}

/** GET a JSON answer. */
export const get = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).data;
/** GET a JSON answer with its response (for headers such as X-Total-Count). */
export const getWithResponse = <T>(path: string) => call<T>('GET', path);
/** POST JSON (with the CSRF token once signed in). */
export const post = async <T>(path: string, body?: unknown): Promise<T> =>
  (await call<T>('POST', path, body)).data;

/** Signs in and remembers the account. */
export async function signIn(username: string, password: string): Promise<void> {
  account.set(await post<Account>('/api/login', { username, password }));
}

/** Signs out. */
export async function signOut(): Promise<void> {
  try {
    await post('/api/logout');
  } finally {
    account.set(null);
  }
}

/** Restores the session of a reload (null when signed out). */
export async function restore(): Promise<void> {
  try {
    account.set(await get<Account>('/api/me'));
  } catch {
    account.set(null);
  }
}

/** POST a multipart form (a file upload) with the CSRF token; the answer's JSON either way. */
export async function upload<T>(
  path: string,
  form: FormData,
): Promise<{ ok: boolean; status: number; data: T }> {
  const a = account.get();
  const res = await fetch(path, {
    method: 'POST',
    headers: a ? { 'x-csrf-token': a.csrf_token } : {},
    credentials: 'same-origin',
    body: form,
  });
  if (res.status === 401) account.set(null);
  const text = await res.text();
  return { ok: res.ok, status: res.status, data: (text ? JSON.parse(text) : null) as T };
}
