import type { ModelAnswer } from '../../domain/dashboard-answers.js';
import type { FastifyInstance } from 'fastify';
import { PUBLISHED_TABLE2, RISK_BANDS } from '../../paper/published.js';
import { MIN_MONITORED_MONTHS } from '../../monitor/case-status.js';
import { sessionOf, type ServerContext } from '../context.js';
import { scopeArea, type Scope } from '../scope.js';
import type { Store } from '../../monitor/store.js';
import { lastRound } from '../queries/last-round.js';
import { latestModel } from '../queries/latest-model.js';
import { meta } from '../queries/meta.js';
import { overview } from '../queries/overview.js';
import { summary } from '../../monitor/summary.js';

/**
 * `GET /api/summary`, `/api/overview`, `/api/meta` (each over the account's area, cached
 * until the next write) and `/api/model` (the latest stored model, fitted on whole waves,
 * with the paper's Table 2).
 * @example registerSummaryRoutes(app, ctx)
 */
export function registerSummaryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const scopedSummary = (store: Store, scope: Scope) => summary(store, scopeArea(scope));
  const queries = { summary: scopedSummary, overview, meta };
  for (const [name, query] of Object.entries(queries)) {
    app.get(`/api/${name}`, async (request) => {
      const scope = sessionOf(request).scope;
      return ctx.gate.cached<unknown>(`${name}:${JSON.stringify(scope)}`, () =>
        query(ctx.store, scope),
      );
    });
  }
  app.get('/api/model', async (): Promise<ModelAnswer> => ({
    model: await ctx.gate.cached('model', () => latestModel(ctx.store)),
    last_round: await ctx.gate.cached('last-round', () => lastRound(ctx.store)),
    published_table2: PUBLISHED_TABLE2,
    risk_bands: RISK_BANDS,
    min_monitored_months: MIN_MONITORED_MONTHS,
  }));
}
