import { isIP } from 'node:net';
import { UserError } from '../errors.js';
import { messages } from '../messages.js';
import { hostName } from './allowed-hosts.js';

/**
 * Checks `--trust-proxy` values: IP addresses or CIDR ranges (`10.0.0.1`, `10.0.0.0/8`,
 * `::1`, `fd00::/8`), each value possibly a comma-separated list.
 * @example parseTrustProxy(['127.0.0.1, 10.0.0.0/8']) // ['127.0.0.1', '10.0.0.0/8']
 */
export function parseTrustProxy(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of values.flatMap((v) => v.split(','))) {
    const v = item.trim();
    if (v === '') continue;
    const [address, prefix, extra] = v.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new UserError(messages.server.badTrustProxy(v));
    }
    out.push(v);
  }
  return out;
}

/**
 * Checks `--allowed-host` values: host names or IP addresses (a port is ignored).
 * @example parseAllowedHosts(['monitor.example.org']) // ['monitor.example.org']
 */
export function parseAllowedHosts(values: readonly string[]): string[] {
  return values.map((v) => {
    const name = hostName(v);
    if (name === null || name === '') throw new UserError(messages.server.badAllowedHost(v));
    return name;
  });
}
