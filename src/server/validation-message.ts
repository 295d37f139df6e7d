import { messages } from '../messages.js';

/** One Ajv error, as Fastify passes it. */
interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

const where = (dataVar: string, path: string) =>
  [dataVar === 'querystring' ? 'query' : dataVar, ...path.split('/').filter(Boolean)].join('.');

/**
 * One clear line for a request that fails its schema: the field and what it must be.
 * @example validationMessage([{ instancePath: '/type', keyword: 'enum', params: { allowedValues: ['a'] } }], 'body') // 'body.type: must be one of a'
 */
export function validationMessage(errors: readonly AjvError[], dataVar: string): string {
  const e = errors[0];
  if (!e) return messages.server.badField(dataVar, 'invalid');
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return messages.server.badField(
        where(dataVar, `${e.instancePath}/${p.missingProperty}`),
        'is required',
      );
    case 'additionalProperties':
      return messages.server.badField(
        where(dataVar, `${e.instancePath}/${p.additionalProperty}`),
        'is not a known field',
      );
    case 'enum':
      return messages.server.badField(
        where(dataVar, e.instancePath),
        `must be one of ${(p.allowedValues as unknown[]).join(', ')}`,
      );
    case 'pattern':
      return messages.server.badField(where(dataVar, e.instancePath), 'must be a date YYYY-MM-DD');
    default:
      return messages.server.badField(where(dataVar, e.instancePath), e.message ?? 'invalid');
  }
}
