import type { FastifyInstance } from 'fastify';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ALERT_EXPORT_COLUMNS, exportAlertsCsv } from '../../monitor/export-alerts.js';
import { alertPage, type AlertFilter, type AlertSort } from '../../monitor/list-alerts.js';
import { audit } from '../audit.js';
import { sessionOf, type ServerContext } from '../context.js';
import { REQUEST_SCHEMAS } from '../openapi.js';
import { scopedFilter } from '../scope.js';

interface AlertQuery extends AlertFilter {
  readonly sort?: AlertSort;
  readonly limit: number;
  readonly offset: number;
}

/** The file's bytes after a UTF-8 byte-order mark (spreadsheets then read Chinese right); removes `dir` when done or abandoned. */
async function* withBom(file: string, dir: string): AsyncGenerator<Buffer> {
  try {
    yield Buffer.from('\ufeff');
    for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `GET /api/alerts`: the rows of the monitor's `listAlerts`, narrowed to the account's area
 * (a filter outside it gives an empty list and is logged as refused), optionally by rule,
 * sorted and paged in SQL (at most 1,000 rows a page); `X-Total-Count` holds the full count.
 * Pages are cached as encoded JSON until the next write. Every read is logged with its filter
 * and row count. `GET /api/alerts.csv`: the whole filtered list as a CSV file, written by
 * DuckDB to a temporary file and streamed (memory stays flat for any area), logged as an export.
 * @example registerAlertRoutes(app, ctx)
 */
export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const refused = async (user: string, filter: AlertFilter, what: string) =>
    audit(ctx, user, {
      action: 'refused',
      entity: what,
      after: { filter, reason: 'outside the account area' },
    });

  app.get<{ Querystring: AlertQuery }>(
    '/api/alerts',
    { schema: { querystring: REQUEST_SCHEMAS.alertQuery } },
    async (request, reply) => {
      const { sort, limit, offset, ...filter } = request.query;
      const me = sessionOf(request);
      const scoped = scopedFilter(me.scope, filter);
      if (scoped === null) await refused(me.username, filter, 'alerts');
      const key = `alerts:${JSON.stringify([scoped, sort, limit, offset])}`;
      const page = await ctx.gate.cached(key, async () => {
        const p =
          scoped === null
            ? { total: 0, rows: [] }
            : await alertPage(ctx.store, scoped, { sort, limit, offset });
        return { total: p.total, rows: p.rows.length, body: Buffer.from(JSON.stringify(p.rows)) };
      });
      await audit(ctx, me.username, {
        action: 'list',
        entity: 'alerts',
        after: {
          filter: scoped ?? filter,
          sort,
          limit,
          offset,
          rows: page.rows,
          total: page.total,
        },
      });
      reply.header('x-total-count', String(page.total));
      return reply.type('application/json; charset=utf-8').send(page.body);
    },
  );

  app.get<{ Querystring: AlertFilter & { sort?: AlertSort } }>(
    '/api/alerts.csv',
    { schema: { querystring: REQUEST_SCHEMAS.alertExportQuery } },
    async (request, reply) => {
      const { sort, ...filter } = request.query;
      const me = sessionOf(request);
      const scoped = scopedFilter(me.scope, filter);
      if (scoped === null) await refused(me.username, filter, 'alerts');
      const dir = mkdtempSync(join(tmpdir(), 'povrisk-export-'));
      const file = join(dir, 'alerts.csv');
      try {
        let rows = 0;
        if (scoped === null) writeFileSync(file, `${ALERT_EXPORT_COLUMNS.join(',')}\n`);
        else rows = await ctx.gate.read(() => exportAlertsCsv(ctx.store, scoped, file, { sort }));
        await audit(ctx, me.username, {
          action: 'export',
          entity: 'alerts',
          after: { filter: scoped ?? filter, sort, rows, format: 'csv' },
        });
        const name = `alerts-${scoped?.wave ?? 'all'}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
        const body = Readable.from(withBom(file, dir));
        body.once('close', () => rmSync(dir, { recursive: true, force: true }));
        reply.raw.once('close', () => body.destroy());
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('x-total-count', String(rows))
          .send(body);
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    },
  );
}
