import { signal } from './signal.js';

/** The page, from the URL's hash: `#/alerts`, `#/household/H00001`, … */
export const route = signal(location.hash.slice(1) || '/');
addEventListener('hashchange', () => route.set(location.hash.slice(1) || '/'));

/** Goes to a page. */
export function go(path: string): void {
  location.hash = path;
}
