/** Host names every server answers to: the loopback names. */
export const LOOPBACK_HOSTS: readonly string[] = Object.freeze(['localhost', '127.0.0.1', '::1']);

/**
 * The host name of a `Host` header or URL authority, lower-cased, without port, brackets or
 * trailing dot; null when it is not a host name.
 * @example hostName('[::1]:8080') // '::1'
 */
export function hostName(value: string): string | null {
  const v = value.trim().toLowerCase();
  const m =
    /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(v) ?? /^([a-z0-9._-]+?)\.?(?::\d{1,5})?$/.exec(v);
  return m ? m[1] : null;
}

const plainAddress = (a: string) => (a.startsWith('::ffff:') ? a.slice(7) : a).toLowerCase();

/**
 * True when a request naming `host` may be served: the host is one of `allowed`, a loopback
 * name, or the address the client connected to (the bound address; for a server bound to
 * every interface, the interface the request came in on). Any other name, as a DNS
 * rebinding page would send, is refused (421).
 * @example hostAllowed('evil.example:8080', '127.0.0.1', []) // false
 */
export function hostAllowed(
  host: string | undefined,
  localAddress: string | undefined,
  allowed: readonly string[],
): boolean {
  if (host === undefined) return false;
  const name = hostName(host);
  if (name === null) return false;
  if (LOOPBACK_HOSTS.includes(name) || allowed.includes(name)) return true;
  return localAddress !== undefined && plainAddress(localAddress) === plainAddress(name);
}
