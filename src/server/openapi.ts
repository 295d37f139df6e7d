import { CASE_STATUSES } from '../monitor/case-status.js';
import { CATEGORY_NAMES } from '../domain/categories.js';
import { FOUND_BY, PROCEDURE_STEPS } from '../domain/procedure.js';
import { MEASURE_TYPES } from '../monitor/measures.js';
import { ALERT_SORTS } from '../monitor/list-alerts.js';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' };
const nullableNumber = { type: ['number', 'null'] };

/** Rows per page at most (`limit`); the whole list is the streamed CSV export. */
export const MAX_PAGE = 1000;
/** Largest `offset` accepted. */
export const MAX_OFFSET = 1_000_000_000;
/** Largest measure amount accepted (CNY). */
export const MAX_AMOUNT = 1_000_000_000;

/** Request schemas: Fastify validates requests against them, and the OpenAPI file shows them. */
export const REQUEST_SCHEMAS = Object.freeze({
  login: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: text(64), password: text(1024) },
  },
  alertQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      wave: text(64),
      county: text(200),
      township: text(200),
      village: text(200),
      household: text(64),
      status: { type: 'string', enum: [...CASE_STATUSES] },
      rule: text(64),
      sort: { type: 'string', enum: Object.keys(ALERT_SORTS) },
      limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: MAX_PAGE },
      offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
    },
  },
  alertExportQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      wave: text(64),
      county: text(200),
      township: text(200),
      village: text(200),
      household: text(64),
      status: { type: 'string', enum: [...CASE_STATUSES] },
      rule: text(64),
      sort: { type: 'string', enum: Object.keys(ALERT_SORTS) },
    },
  },
  eventQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      user: text(64),
      action: text(64),
      entity: text(64),
      entity_id: text(200),
      since: date,
      until: date,
      limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 100 },
      offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
    },
  },
  householdParams: {
    type: 'object',
    required: ['id'],
    properties: { id: text(64) },
  },
  measure: {
    type: 'object',
    required: ['type', 'date'],
    additionalProperties: false,
    properties: {
      type: { type: 'string', enum: [...MEASURE_TYPES] },
      date,
      end_date: date,
      amount: { type: 'number', minimum: 0, maximum: MAX_AMOUNT },
      note: { type: 'string', maxLength: 2000 },
    },
  },
  step: {
    type: 'object',
    required: ['step'],
    additionalProperties: false,
    properties: {
      step: { type: 'string', enum: PROCEDURE_STEPS.filter((x) => x !== 'found') },
      date,
      result: text(32),
      notice_end: date,
      note: { type: 'string', maxLength: 2000 },
    },
  },
  openCase: {
    type: 'object',
    required: ['found_by'],
    additionalProperties: false,
    properties: {
      found_by: { type: 'string', enum: [...FOUND_BY] },
      date,
      category: { type: 'string', enum: [...CATEGORY_NAMES] },
      note: { type: 'string', maxLength: 2000 },
    },
  },
  cadre: {
    type: 'object',
    required: ['username'],
    additionalProperties: false,
    properties: { username: text(64) },
  },
  areaQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      county: text(200),
      township: text(200),
      village: text(200),
      limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: MAX_PAGE },
      offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
    },
  },
  queueQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      as_of: date,
      limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: MAX_PAGE },
      offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
    },
  },
  status: {
    type: 'object',
    required: ['status'],
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: [...CASE_STATUSES] },
      date,
      reason: { type: 'string', maxLength: 2000 },
    },
  },
});

const alertRow = {
  type: 'object',
  properties: {
    household_id: { type: 'string' },
    county: { type: 'string' },
    village: { type: 'string' },
    wave: { type: 'string' },
    rule: { type: 'string' },
    category: { type: 'string' },
    reason: { type: 'string' },
    reason_zh: { type: 'string' },
    vulnerability: nullableNumber,
    per_capita_income: nullableNumber,
    status: { type: 'string', enum: [...CASE_STATUSES] },
  },
};

const error = { $ref: '#/components/schemas/Error' };
const answer = (description: string, schema: unknown = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': answer('invalid input (the message names the field)', error),
  '401': answer('not signed in, or the session expired', error),
  '403': answer('CSRF token, Origin or the account role refused', error),
  '404': answer('no such household in your area', error),
  '421': answer('the Host header names a host this server does not serve', error),
};
const query = (name: string, schema: unknown, description: string) => ({
  name,
  in: 'query',
  schema,
  description,
});
const csrf = [{ name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const body = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const q = REQUEST_SCHEMAS.alertQuery.properties;
const queueParams = (props: Record<string, unknown>) =>
  Object.entries(props).map(([name, schema]) => query(name, schema, name));

/**
 * The dashboard API as OpenAPI 3.1, served at `/api/openapi.json`. Every route but login,
 * health and this document needs the session cookie; every POST but login also needs the
 * `X-CSRF-Token` header (the value of the `povrisk_csrf` cookie). Answers are limited to the
 * account's area: a household outside it answers 404.
 */
export const OPENAPI = Object.freeze({
  openapi: '3.1.0',
  info: {
    title: 'povrisk dashboard API',
    version: '0.1.0',
    description:
      'Monitoring of households at risk of returning to poverty. Accounts see only their area ' +
      '(admin: all; county; township; village). Reads of a household and every write are ' +
      'recorded in the event log.',
  },
  components: {
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'povrisk_session' } },
    schemas: {
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
      Login: REQUEST_SCHEMAS.login,
      AlertRow: alertRow,
      Measure: REQUEST_SCHEMAS.measure,
      StatusChange: REQUEST_SCHEMAS.status,
    },
  },
  security: [{ session: [] }],
  paths: {
    '/api/login': {
      post: {
        summary: 'Sign in: sets the HttpOnly session cookie and the CSRF cookie',
        security: [],
        requestBody: body({ $ref: '#/components/schemas/Login' }),
        responses: {
          '200': answer('the account, its area and the CSRF token'),
          '400': errors['400'],
          '401': answer('wrong user name or password', error),
          '429': answer(
            'the account is locked after failed attempts, or a wrong password from an address ' +
              'under attack (Retry-After header)',
            error,
          ),
        },
      },
    },
    '/api/logout': {
      post: {
        summary: 'Sign out',
        parameters: csrf,
        responses: { '204': { description: 'signed out' } },
      },
    },
    '/api/me': {
      get: { summary: 'The signed-in account', responses: { '200': answer('account') } },
    },
    '/api/meta': {
      get: {
        summary: 'Waves, villages of the area, measure types, statuses and rules (for filters)',
        responses: { '200': answer('lists') },
      },
    },
    '/api/alerts': {
      get: {
        summary: 'Alerts in the area (fields of `povrisk monitor alerts --json`)',
        parameters: Object.entries(q).map(([name, schema]) =>
          query(name, schema, name === 'limit' ? 'rows per page (total in X-Total-Count)' : name),
        ),
        responses: {
          '200': answer('alert rows', {
            type: 'array',
            items: { $ref: '#/components/schemas/AlertRow' },
          }),
          '400': errors['400'],
          '401': errors['401'],
        },
      },
    },
    '/api/alerts.csv': {
      get: {
        summary:
          'Every alert of the filter in the area as CSV (UTF-8 with BOM), streamed; text cells ' +
          "starting with = + - @ tab or CR get a leading ' (logged as an export)",
        parameters: Object.entries(REQUEST_SCHEMAS.alertExportQuery.properties).map(
          ([name, schema]) => query(name, schema, name),
        ),
        responses: {
          '200': {
            description: 'CSV file',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '400': errors['400'],
          '401': errors['401'],
        },
      },
    },
    '/api/events': {
      get: {
        summary:
          'The event log, newest first (admin accounts only): sign-ins and failures, reads, ' +
          'exports, refusals and changes; total in X-Total-Count (logged)',
        parameters: Object.entries(REQUEST_SCHEMAS.eventQuery.properties).map(([name, schema]) =>
          query(name, schema, name),
        ),
        responses: {
          '200': answer('events', { type: 'array', items: { type: 'object' } }),
          '400': errors['400'],
          '401': errors['401'],
          '403': answer('not an admin account', error),
        },
      },
    },
    '/api/households/{id}': {
      get: {
        summary:
          'A household: observations by wave, scores, alerts, case, measures, history (logged)',
        parameters: [idParam],
        responses: {
          '200': answer('household detail'),
          '401': errors['401'],
          '404': errors['404'],
        },
      },
    },
    '/api/households/{id}/measures': {
      post: {
        summary: 'Record an assistance measure on the open case (logged)',
        parameters: [idParam, ...csrf],
        requestBody: body({ $ref: '#/components/schemas/Measure' }),
        responses: { '201': answer('the measure'), ...errors },
      },
    },
    '/api/households/{id}/status': {
      post: {
        summary:
          'Move the case: flagged → verified → monitored → risk eliminated, or dismissed with a ' +
          'reason; elimination is refused with every failing condition named (logged)',
        parameters: [idParam, ...csrf],
        requestBody: body({ $ref: '#/components/schemas/StatusChange' }),
        responses: { '200': answer('the case'), ...errors },
      },
    },
    '/api/households/{id}/open': {
      post: {
        summary:
          'Open a case found by self_report, cadre_visit or department_data (its found step)',
        parameters: [idParam, ...csrf],
        requestBody: body(REQUEST_SCHEMAS.openCase),
        responses: { '201': answer('the case'), ...errors },
      },
    },
    '/api/households/{id}/steps': {
      post: {
        summary:
          'Record the next step of the case (verification, village_review, public_notice, ' +
          'township_review, county_approval), in order; a refusal names the missing step',
        parameters: [idParam, ...csrf],
        requestBody: body(REQUEST_SCHEMAS.step),
        responses: { '200': answer('the recorded steps'), ...errors },
      },
    },
    '/api/households/{id}/cadre': {
      post: {
        summary: 'Make a user the responsible cadre of the case (admin, county, township)',
        parameters: [idParam, ...csrf],
        requestBody: body(REQUEST_SCHEMAS.cadre),
        responses: { '200': answer('the case'), ...errors },
      },
    },
    '/api/cases/mine': {
      get: {
        summary:
          "The signed-in cadre's open cases, with each one's next step and due date (at most " +
          '1,000 a page; logged)',
        parameters: queueParams(REQUEST_SCHEMAS.queueQuery.properties),
        responses: { '200': answer('cases'), '400': errors['400'], '401': errors['401'] },
      },
    },
    '/api/cases/overdue': {
      get: {
        summary:
          'Open cases of the area whose next step is past its deadline (at most 1,000 a page; ' +
          'logged)',
        parameters: queueParams(REQUEST_SCHEMAS.queueQuery.properties),
        responses: { '200': answer('cases'), '400': errors['400'], '401': errors['401'] },
      },
    },
    '/api/cases/area': {
      get: {
        summary:
          "A village's monitoring list: every open case of the area (at most 1,000 a page; " +
          'logged; a filter outside the area gives an empty list and is logged as refused)',
        parameters: queueParams(REQUEST_SCHEMAS.areaQuery.properties),
        responses: { '200': answer('cases'), '400': errors['400'], '401': errors['401'] },
      },
    },
    '/api/waves': {
      post: {
        summary:
          'Import a wave (multipart: file, wave, date) in any format the CLI reads, all or ' +
          'nothing, then score it; admin and county accounts only',
        parameters: [...csrf],
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'wave'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  wave: { type: 'string' },
                  date,
                },
              },
            },
          },
        },
        responses: {
          '200': answer('the import and the run'),
          ...errors,
          '400': answer('the file was rejected: `error` and every problem in `problems`', error),
        },
      },
    },
    '/api/summary': {
      get: {
        summary: 'Counts of `povrisk monitor summary --json`, over the area',
        responses: { '200': answer('summary'), '401': errors['401'] },
      },
    },
    '/api/overview': {
      get: {
        summary: 'Counts by band and category, trend across waves, figures by village',
        responses: { '200': answer('overview'), '401': errors['401'] },
      },
    },
    '/api/model': {
      get: {
        summary: "The latest stored VEP model and the study's published Table 2",
        responses: { '200': answer('model'), '401': errors['401'] },
      },
    },
    '/api/health': {
      get: { summary: 'Liveness', security: [], responses: { '200': answer('ok') } },
    },
    '/api/openapi.json': {
      get: { summary: 'This document', security: [], responses: { '200': answer('OpenAPI 3.1') } },
    },
  },
});
