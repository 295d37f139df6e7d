import type { FastifyInstance } from 'fastify';
import { OPENAPI } from '../openapi.js';

/**
 * `GET /api/openapi.json` (the API's OpenAPI 3.1 document) and `GET /api/health`; both public.
 * @example registerDocRoutes(app)
 */
export function registerDocRoutes(app: FastifyInstance): void {
  app.get('/api/openapi.json', { config: { public: true } }, async () => OPENAPI);
  app.get('/api/health', { config: { public: true } }, async () => ({ ok: true }));
}
