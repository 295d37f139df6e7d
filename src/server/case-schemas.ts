import { CATEGORY_NAMES } from '../domain/categories.js';
import { ACTIVE_STATUSES } from '../domain/statuses.js';
import { CASE_BANDS, CASE_SORTS } from '../monitor/case-queue.js';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

/** Request schemas of the case queue and the village view (validated by Fastify, shown in OpenAPI). */
export const CASE_SCHEMAS = Object.freeze({
  caseQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      county: text(200),
      township: text(200),
      village: text(200),
      household: text(64),
      status: { type: 'string', enum: [...ACTIVE_STATUSES] },
      category: { type: 'string', enum: [...CATEGORY_NAMES] },
      rule: text(64),
      band: { type: 'string', enum: [...CASE_BANDS] },
      responsible: text(64),
      sort: { type: 'string', enum: Object.keys(CASE_SORTS) },
      limit: { type: 'integer', minimum: 1, maximum: 100000, default: 1000 },
      offset: { type: 'integer', minimum: 0, default: 0 },
    },
  },
  villageQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      county: text(200),
      township: text(200),
      village: text(200),
      threshold: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.5 },
    },
  },
});

const param = (name: string, schema: unknown) => ({ name, in: 'query', schema, description: name });
const errorRef = { $ref: '#/components/schemas/Error' };
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});

/** OpenAPI paths of the case queue and the village view. */
export const CASE_PATHS = Object.freeze({
  '/api/cases': {
    get: {
      summary:
        'The case queue: one row per household with an open case (reasons with Chinese text, ' +
        'category, status, responsible cadre, latest income and vulnerability, days since the ' +
        "last step; `responsible=USER` for one cadre's cases); " +
        'numeric household ids sort as numbers; total in X-Total-Count',
      parameters: Object.entries(CASE_SCHEMAS.caseQuery.properties).map(([n, s]) => param(n, s)),
      responses: {
        '200': json('case rows (fields of `povrisk monitor cases --json`)'),
        '400': {
          description: 'invalid input',
          content: { 'application/json': { schema: errorRef } },
        },
      },
    },
  },
  '/api/villages': {
    get: {
      summary:
        'Per village of the area: households by band, open cases by category, and the most ' +
        'common drivers among vulnerable households (v ≥ threshold)',
      parameters: Object.entries(CASE_SCHEMAS.villageQuery.properties).map(([n, s]) => param(n, s)),
      responses: { '200': json('village view') },
    },
  },
});
