/**
 * The OpenAPI 3.0 document, generated from the route contract (@plsr/shared/contract) and its zod
 * schemas (z.toJSONSchema): served at /api/openapi.json and written to docs/openapi.json by
 * `npm run openapi`. Nothing here lists endpoints: the contract does.
 */
import { z } from 'zod';
import { ROUTES, errorsOf, openApiPath, type Access } from '@plsr/shared/contract';
import { ErrorBodySchema } from '@plsr/shared/schemas';
import { STATUS_OF } from '../http/errors';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

const ERROR_TEXT: Record<number, string> = {
  400: '输入有误 Invalid input',
  401: '未登录或登录失效 Not logged in',
  403: '无权限 Forbidden',
  404: '不存在 Not found',
  409: '冲突 Conflict',
  413: '请求过大 Payload too large',
  429: '过于频繁 Rate limited',
  500: '服务器错误 Internal error',
  503: '暂不可用 Unavailable (upstream, configuration or load)',
};

const ACCESS_TEXT: Record<Access['kind'], string> = {
  anonymous: 'Anyone.',
  resident: 'A resident token (Authorization: Bearer …).',
  staff: "A worker's token.",
  bureau: 'A bureau (司法局) token.',
  account: 'A bureau or worker account token.',
  session: 'Any valid token.',
};

function accessText(access: Access): string {
  const rule =
    access.kind === 'bureau' && access.jurisdiction
      ? ` The region in ${access.jurisdiction.in} \`${access.jurisdiction.key}\` must lie inside the account's jurisdiction.`
      : '';
  return ACCESS_TEXT[access.kind] + rule;
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const required = (json.required as string[] | undefined) ?? [];
  return Object.entries((json.properties ?? {}) as Record<string, unknown>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: s,
  }));
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const used = new Set<number>();
  for (const { name, route: r } of ROUTES) {
    const statuses = [...new Set(errorsOf(r).map((c) => STATUS_OF[c]))].sort();
    statuses.forEach((s) => used.add(s));
    const types = r.response.contentTypes ?? (r.response.schema ? ['application/json'] : []);
    const okContent = Object.fromEntries(
      types.map((t) => [t, t === 'application/json' && r.response.schema ? { schema: jsonSchema(r.response.schema, 'output') } : {}]),
    );
    const parameters = [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')];
    const path = openApiPath(r.path);
    paths[path] = {
      ...paths[path],
      [r.method.toLowerCase()]: {
        operationId: name,
        summary: r.summary,
        tags: [r.tag],
        description: `Access: ${accessText(r.access)}${r.private ? ' Answered with Cache-Control: no-store.' : ''}`,
        ...(r.access.kind !== 'anonymous' ? { security: [{ bearer: [] }] } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
        responses: {
          [r.response.status]: { description: r.response.description, ...(Object.keys(okContent).length ? { content: okContent } : {}) },
          ...Object.fromEntries(statuses.map((s) => [s, { $ref: `#/components/responses/E${s}` }])),
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '公共法律服务评价 API',
      version: '0.1.0',
      description:
        'Residents rate public legal services; workers see their ratings; bureaus pull year-end scores. Errors are always {code, message, details?} with a Chinese message safe to show.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(ErrorBodySchema, 'output') },
      responses: Object.fromEntries(
        [...used].sort().map((s) => [
          `E${s}`,
          {
            description: ERROR_TEXT[s] ?? String(s),
            ...(s === 429
              ? { headers: { 'Retry-After': { description: 'Seconds until the limit lets this caller in again', schema: { type: 'integer', minimum: 1 } } } }
              : {}),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}
