import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import { CLI, runCli } from '../helpers/run-cli.js';
import { makeStore, rawRequest } from './harness.js';

let db: string;
beforeAll(async () => {
  db = await makeStore({ households: 40, waves: 2 });
});

describe('povrisk users add', () => {
  test('adds an account with the password from stdin', async () => {
    const r = await runCli(
      ['users', 'add', 'zhao', '--role', 'township', '--area', 'Xide T2', '--db', db],
      {
        input: 'a-long-password\n',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('user zhao added (township, Xide › Xide T2)\n');
    expect(r.code).toBe(0);
  });
  test.each([
    [
      ['--role', 'mayor', '--area', 'V01'],
      'long-enough-pw',
      "povrisk: invalid --role: 'mayor' (one of admin, county, township, village)",
    ],
    [
      ['--role', 'village', '--area', 'V99'],
      'long-enough-pw',
      'povrisk: --area V99: no village of that name or id',
    ],
    [
      ['--role', 'admin', '--area', 'Xide'],
      'long-enough-pw',
      "povrisk: --area Xide: an admin's area is 'all'",
    ],
    [
      ['--role', 'village', '--area', 'V01'],
      'short',
      'povrisk: the password (read from stdin) must have at least 8',
    ],
  ])('refuses %j with one line', async (flags, password, message) => {
    const r = await runCli(['users', 'add', 'newbie', ...flags, '--db', db], {
      input: `${password}\n`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  test('a user name is taken once', async () => {
    const r = await runCli(
      ['users', 'add', 'admin', '--role', 'admin', '--area', 'all', '--db', db],
      {
        input: 'another-password\n',
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("povrisk: user 'admin' already exists\n");
  });
});

test('povrisk serve listens on the given port and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const health = await fetch(`${url}/api/health`);
  expect(await health.json()).toEqual({ ok: true });
  expect((await fetch(`${url}/api/alerts`)).status).toBe(401);
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });
  expect(code).toBe(0);
});

test('povrisk serve --allowed-host serves that name, refuses others with 421', async () => {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--db',
      db,
      '--port',
      '0',
      '--allowed-host',
      'monitor.example.org',
      '--trust-proxy',
      '127.0.0.1',
      '--cache-mb',
      '8',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const port = new URL(url).port;
    const ask = (host: string) => rawRequest(url, { path: '/api/health', headers: { host } });
    expect((await ask(`monitor.example.org:${port}`)).status).toBe(200);
    expect((await ask(`127.0.0.1:${port}`)).status).toBe(200);
    expect((await ask(`evil.example:${port}`)).status).toBe(421);
  } finally {
    await new Promise((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
  }
});

test.each([
  [
    ['--trust-proxy', 'proxy.lan'],
    'povrisk: --trust-proxy proxy.lan: not an IP address or CIDR range',
  ],
  [['--allowed-host', 'a b'], 'povrisk: --allowed-host a b: not a host name'],
  [['--cache-mb', '-1'], "povrisk: invalid --cache-mb: '-1'"],
])('povrisk serve %j: one line, exit 1', async (flags, message) => {
  const r = await runCli(['serve', '--db', db, '--port', '0', ...flags]);
  expect(r.code).toBe(1);
  expect(r.stderr.startsWith(message)).toBe(true);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
});
