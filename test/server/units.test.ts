import { describe, expect, test } from 'vitest';
import { sameOrigin, tokenMatches } from '../../src/server/csrf.js';
import { createLoginLimiter } from '../../src/server/login-limiter.js';
import { maskRow, maskValue } from '../../src/server/mask.js';
import { hashPassword, verifyPassword } from '../../src/server/passwords.js';
import { scopedFilter, scopeOf, scopeSql } from '../../src/server/scope.js';
import { createSessions } from '../../src/server/sessions.js';
import { createStoreGate } from '../../src/server/store-gate.js';

const village = scopeOf({ role: 'village', county: 'Xide', township: 'Xide T1', village: 'V01' });

describe('scope', () => {
  test('each role keeps the names of its level and above', () => {
    expect(scopeOf({ role: 'admin', county: null, township: null, village: null })).toEqual({
      role: 'admin',
      county: null,
      township: null,
      village: null,
    });
    expect(scopeOf({ role: 'county', county: 'Xide', township: 'x', village: 'y' })).toMatchObject({
      county: 'Xide',
      township: null,
      village: null,
    });
    expect(scopeSql(village)).toBe(
      "ar.county = 'Xide' AND ar.township = 'Xide T1' AND ar.village = 'V01'",
    );
    expect(scopeSql(scopeOf({ role: 'admin', county: null, township: null, village: null }))).toBe(
      'TRUE',
    );
  });
  test('a filter outside the scope gives null; inside, the scope is added', () => {
    expect(scopedFilter(village, { village: 'V03' })).toBeNull();
    expect(scopedFilter(village, { county: 'Muli' })).toBeNull();
    expect(scopedFilter(village, { wave: '2021' })).toEqual({
      wave: '2021',
      county: 'Xide',
      township: 'Xide T1',
      village: 'V01',
    });
  });
  test('names with quotes stay inside the SQL literal', () => {
    const s = scopeOf({ role: 'village', county: "O'Brien", township: 't', village: 'v' });
    expect(scopeSql(s)).toContain("'O''Brien'");
  });
});

describe('masking', () => {
  test('identity and phone numbers are masked except for village officers', () => {
    expect(maskValue('13812345678')).toBe('138****5678');
    expect(maskValue('513401199001011234')).toBe('513***********1234');
    expect(maskValue('12345')).toBe('*****');
    const row = { household_id: 'H1', phone: '13812345678', id_number: '513401199001011234' };
    expect(maskRow(row, 'county')).toEqual({
      household_id: 'H1',
      phone: '138****5678',
      id_number: '513***********1234',
    });
    expect(maskRow(row, 'admin').phone).toBe('138****5678');
    expect(maskRow(row, 'village')).toEqual(row);
  });
});

describe('passwords', () => {
  test('scrypt hashes verify, differ by salt, and reject a wrong or malformed hash', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});

describe('sessions and sign-in limits', () => {
  test('idle and absolute timeouts', () => {
    let t = 0;
    const s = createSessions({ idleMs: 100, absoluteMs: 250, now: () => t });
    const a = s.create('u', village);
    t = 99;
    expect(s.get(a.id)?.username).toBe('u');
    t = 200;
    expect(s.get(a.id)).toBeUndefined();
    const b = s.create('u', village);
    for (t = 290; t <= 440; t += 50) expect(s.get(b.id)).toBeDefined();
    t = 460;
    expect(s.get(b.id)).toBeUndefined();
    expect(s.get(undefined)).toBeUndefined();
  });
  test('the limiter locks an account with a doubling backoff, whatever the address', () => {
    let t = 0;
    const l = createLoginLimiter({ perAccount: 2, lockMs: 1000, maxLockMs: 3000, now: () => t });
    l.fail('ip1', 'a', 'known');
    expect(l.accountLocked('a')).toBe(0);
    l.fail('ip2', 'a', 'known');
    expect(l.accountLocked('a')).toBe(1);
    expect(l.accountLocked('b')).toBe(0);
    t = 1000;
    expect(l.accountLocked('a')).toBe(0);
    l.fail('ip3', 'a', 'known');
    l.fail('ip3', 'a', 'known');
    expect(l.accountLocked('a')).toBe(2); // second lock: 2 s
    t = 3000;
    l.fail('ip3', 'a', 'known');
    l.fail('ip3', 'a', 'known');
    expect(l.accountLocked('a')).toBe(3); // third lock: 4 s, capped at 3 s
    l.succeed('a');
    expect(l.accountLocked('a')).toBe(0);
  });
  test('an address is limited by unknown user names, or by failures at a much higher count', () => {
    let t = 0;
    const l = createLoginLimiter({
      perAddressUnknown: 3,
      perAddress: 6,
      windowMs: 1000,
      now: () => t,
    });
    for (let k = 0; k < 2; k++) l.fail('ip', `nobody${k}`, 'unknown');
    expect(l.addressLimited('ip')).toBe(0);
    l.fail('ip', 'nobody2', 'unknown');
    expect(l.addressLimited('ip')).toBe(1);
    expect(l.addressLimited('other')).toBe(0);
    t = 1000;
    expect(l.addressLimited('ip')).toBe(0);
    for (let k = 0; k < 5; k++) l.fail('ip', `user${k}`, 'known');
    expect(l.addressLimited('ip')).toBe(0);
    l.fail('ip', 'user5', 'known');
    expect(l.addressLimited('ip')).toBe(1);
  });
});

describe('CSRF checks', () => {
  test('Origin and Sec-Fetch-Site must name this site', () => {
    expect(sameOrigin({ host: 'a:1', origin: 'http://a:1' })).toBe(true);
    expect(sameOrigin({ host: 'a:1' })).toBe(true);
    expect(sameOrigin({ host: 'a:1', origin: 'http://b:1' })).toBe(false);
    expect(sameOrigin({ host: 'a:1', origin: 'null' })).toBe(false);
    expect(sameOrigin({ host: 'a:1', 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });
});

describe('store gate', () => {
  const tick = () => new Promise((r) => setTimeout(r, 5));
  test('reads run together, a write runs alone and clears the cache', async () => {
    const gate = createStoreGate();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name}+`);
      await tick();
      log.push(`${name}-`);
    };
    await Promise.all([
      gate.read(job('r1')),
      gate.read(job('r2')),
      gate.write(job('w')),
      gate.read(job('r3')),
    ]);
    expect(log.slice(0, 2)).toEqual(['r1+', 'r2+']);
    const w = log.indexOf('w+');
    expect(log[w + 1]).toBe('w-');
    expect(log.indexOf('r3+')).toBeGreaterThan(w);
    let n = 0;
    const count = async () => ++n;
    expect(await gate.cached('k', count)).toBe(1);
    expect(await gate.cached('k', count)).toBe(1);
    await gate.write(async () => undefined, { keepCache: true });
    expect(await gate.cached('k', count)).toBe(1);
    await gate.write(async () => undefined);
    expect(await gate.cached('k', count)).toBe(2);
  });
  test('a memo over a cached read does not deadlock behind a queued write', async () => {
    const gate = createStoreGate();
    const slow = gate.read(tick);
    const w = gate.write(async () => 'w');
    const m = gate.memo(
      'page',
      async () => (await gate.cached('rows', async () => [1, 2, 3])).length,
    );
    expect(await Promise.all([slow, w, m])).toEqual([undefined, 'w', 3]);
  });
});
