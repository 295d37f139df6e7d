import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listEvents } from '../../src/monitor/events.js';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import { makeStore, PASSWORD, startServer, type Running } from './harness.js';

let s: Running;
beforeAll(async () => {
  s = await startServer(await makeStore({ households: 40, waves: 2 }));
});
afterAll(async () => s?.close());

/** A second app on the same open store, with its own limiter settings. */
async function withApp<T>(options: AppOptions, body: (url: string) => Promise<T>): Promise<T> {
  const app = await buildApp(s.store, { webRoot: null, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await body(url);
  } finally {
    await app.close();
  }
}

const signIn = (url: string, username: string, password: string, from?: string) =>
  fetch(`${url}/api/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(from === undefined ? {} : { 'x-forwarded-for': from }),
    },
    body: JSON.stringify({ username, password }),
  });

describe('fair lockouts', () => {
  test('after 25 failures from one address, a correct password from it still signs in, after the delay', async () => {
    await withApp({ limiter: { delayMs: 400 } }, async (url) => {
      for (let k = 0; k < 25; k++) {
        const r = await signIn(url, `nobody${k}`, 'wrong-wrong');
        expect(r.status, `attempt ${k}`).toBe(k < 20 ? 401 : 429);
      }
      const t0 = Date.now();
      const ok = await signIn(url, 'v01', PASSWORD);
      const waited = Date.now() - t0;
      expect(ok.status).toBe(200);
      expect(waited).toBeGreaterThanOrEqual(390);
      const wrong = await signIn(url, 'v03', 'wrong-wrong');
      expect(wrong.status).toBe(429);
      expect(Number(wrong.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  test('failures on real accounts limit an address only at a much higher count', async () => {
    await withApp({ limiter: { delayMs: 50 } }, async (url) => {
      // 4 failures on each of 5 accounts: 20 failures, no account reaches its 5
      for (const name of ['admin', 'xide', 't1', 'v01', 'v03']) {
        for (let k = 0; k < 4; k++)
          expect((await signIn(url, name, 'wrong-wrong')).status).toBe(401);
      }
      expect((await signIn(url, 'v01', 'wrong-wrong')).status).toBe(401);
      expect((await signIn(url, 'v03', PASSWORD)).status).toBe(200);
    });
  });

  test('an account is locked after 5 failures from any addresses, with a doubling backoff', async () => {
    let t = 1_000_000;
    await withApp(
      { trustProxy: ['127.0.0.1'], limiter: { now: () => t, delayMs: 0 } },
      async (url) => {
        for (let k = 0; k < 5; k++) {
          expect((await signIn(url, 't1', 'wrong-wrong', `10.0.0.${k + 1}`)).status).toBe(401);
        }
        const locked = await signIn(url, 't1', PASSWORD, '10.9.9.9');
        expect(locked.status).toBe(429);
        expect(locked.headers.get('retry-after')).toBe('60');
        expect((await signIn(url, 'v01', PASSWORD, '10.0.0.1')).status).toBe(200);
        t += 61_000;
        for (let k = 0; k < 5; k++) await signIn(url, 't1', 'wrong-wrong', '10.0.0.7');
        const again = await signIn(url, 't1', PASSWORD, '10.9.9.9');
        expect(again.headers.get('retry-after')).toBe('120');
        t += 121_000;
        expect((await signIn(url, 't1', PASSWORD, '10.9.9.9')).status).toBe(200);
      },
    );
  });

  test('--trust-proxy: X-Forwarded-For names the client only when the proxy is trusted', async () => {
    const sweep = async (url: string, from: (k: number) => string) => {
      for (let k = 0; k < 20; k++) await signIn(url, `ghost${k}`, 'wrong-wrong', from(k));
    };
    await withApp({ trustProxy: ['127.0.0.0/8'], limiter: { delayMs: 0 } }, async (url) => {
      await sweep(url, () => '203.0.113.5');
      expect((await signIn(url, 'ghost', 'wrong-wrong', '203.0.113.5')).status).toBe(429);
      expect((await signIn(url, 'ghost', 'wrong-wrong', '203.0.113.6')).status).toBe(401);
    });
    // not trusted: a forged header neither spreads the count nor blames another address
    await withApp({ limiter: { delayMs: 0 } }, async (url) => {
      await sweep(url, (k) => `198.51.100.${k}`);
      expect((await signIn(url, 'ghost', 'wrong-wrong', '198.51.100.99')).status).toBe(429);
    });
    await withApp({ trustProxy: ['10.1.1.1'], limiter: { delayMs: 0 } }, async (url) => {
      await sweep(url, (k) => `198.51.100.${k}`);
      expect((await signIn(url, 'ghost', 'wrong-wrong', '198.51.100.99')).status).toBe(429);
    });
  });

  test('failed and locked sign-ins are logged with the address', async () => {
    await withApp(
      { trustProxy: ['127.0.0.1'], limiter: { delayMs: 0, perAccount: 2 } },
      async (url) => {
        const before = (await listEvents(s.store)).length;
        await signIn(url, 'xide', 'wrong-wrong', '192.0.2.1');
        await signIn(url, 'nosuchuser', 'wrong-wrong', '192.0.2.1');
        await signIn(url, 'xide', 'wrong-wrong', '192.0.2.2');
        await signIn(url, 'xide', PASSWORD, '192.0.2.3');
        const added = (await listEvents(s.store)).slice(before);
        expect(
          added.map((e) => [e.action, e.user_name, (e.after as { address: string }).address]),
        ).toEqual([
          ['login failed', 'xide', '192.0.2.1'],
          ['login failed', 'nosuchuser', '192.0.2.1'],
          ['login failed', 'xide', '192.0.2.2'],
          ['login locked', 'xide', '192.0.2.3'],
        ]);
        expect(added[0].after).toMatchObject({ known_user: true });
        expect(added[1].after).toMatchObject({ known_user: false });
      },
    );
  });
});

describe('--trust-proxy and --allowed-host values', () => {
  test('bad values are one clear line', async () => {
    const { parseTrustProxy, parseAllowedHosts } = await import('../../src/server/proxy-list.js');
    expect(parseTrustProxy(['127.0.0.1, 10.0.0.0/8', '::1', 'fd00::/8'])).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(() => parseTrustProxy(['10.0.0.0/33'])).toThrow(
      '--trust-proxy 10.0.0.0/33: not an IP address or CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)',
    );
    expect(() => parseTrustProxy(['proxy.local'])).toThrow(/--trust-proxy proxy\.local: not an IP/);
    expect(parseAllowedHosts(['Monitor.Example.org:443'])).toEqual(['monitor.example.org']);
    expect(() => parseAllowedHosts(['bad host'])).toThrow(
      '--allowed-host bad host: not a host name',
    );
  });
});
