import { OpenApiBuilder } from 'openapi3-ts/oas31';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  SchemaObject,
} from 'openapi3-ts/oas31';

import { ConsoleApiPrefix } from './console.commands';
import type { ConsoleRoute } from './console.commands';

const errorSchema: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'integer', description: 'the platform error code (docs/error-codes.md)' },
    message: { type: 'string' },
  },
};

/** `/apps/:sdkAppId/x` → `/apps/{sdkAppId}/x`. */
export function openApiPath(route: ConsoleRoute): string {
  return `${ConsoleApiPrefix}${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

function parameters(route: ConsoleRoute): ParameterObject[] {
  const of = (schema: SchemaObject | undefined, where: 'path' | 'query'): ParameterObject[] =>
    Object.entries(schema?.properties ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === 'path' || (schema?.required ?? []).includes(name),
      schema: s,
    }));
  return [...of(route.params, 'path'), ...of(route.query, 'query')];
}

/** The OpenAPI 3.1 document of the console API, made from the route table. */
export function buildConsoleOpenApi(
  routes: readonly ConsoleRoute[],
  version: string,
): OpenAPIObject {
  const builder = OpenApiBuilder.create()
    .addOpenApiVersion('3.1.0')
    .addTitle('IM platform admin console API')
    .addVersion(version)
    .addDescription(
      'JSON API of the admin console (docs/console.md). A session is the `im_console_session` ' +
        'cookie set by login; every write also needs the `x-csrf-token` header equal to the ' +
        '`im_console_csrf` cookie. Errors answer `{ code, message }` with the platform code.',
    )
    .addSchema('Error', errorSchema)
    .addSecurityScheme('session', { type: 'apiKey', in: 'cookie', name: 'im_console_session' })
    .addSecurityScheme('csrf', { type: 'apiKey', in: 'header', name: 'x-csrf-token' });
  const paths = new Map<string, Record<string, OperationObject>>();
  for (const route of routes) {
    const errorResponse = {
      description: 'refused, with the platform error code',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    const operation: OperationObject = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      security:
        route.auth === 'none'
          ? []
          : route.auth === 'read'
            ? [{ session: [] }]
            : [{ session: [], csrf: [] }],
      parameters: parameters(route),
      ...(route.body && {
        requestBody: { required: true, content: { 'application/json': { schema: route.body } } },
      }),
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: route.response } } },
        '400': errorResponse,
        ...(route.auth !== 'none' && { '401': errorResponse }),
        ...(route.auth === 'write' && { '403': errorResponse }),
        ...(route.operationId === 'login' && { '429': errorResponse }),
      },
    };
    const path = openApiPath(route);
    paths.set(path, { ...paths.get(path), [route.method.toLowerCase()]: operation });
  }
  for (const [path, item] of paths) builder.addPath(path, item);
  builder.addPath(`${ConsoleApiPrefix}/openapi.json`, {
    get: {
      operationId: 'getOpenApi',
      summary: 'This document',
      tags: ['meta'],
      security: [],
      responses: { '200': { description: 'the OpenAPI 3.1 document' } },
    },
  });
  return builder.getSpec();
}
