import Fastify from 'fastify';
import type { OpenAPIObject } from 'openapi3-ts/oas31';

import { createLogger } from '@im/platform';
import type { NatsBus } from '@im/platform';

import type { ConsoleAdminCommands } from './console-admin.service';
import { consolePlugin } from './console.controller';
import { CONSOLE_ROUTES } from './console.commands';

/** The console plugin on a bare Fastify, recording each route it registers under the API. */
async function startConsole() {
  const app = Fastify();
  const registered: string[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD' && route.url.startsWith('/console/api')) {
        registered.push(`${method.toLowerCase()} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  });
  await app.register(consolePlugin, {
    // the document and the refusals below never reach the bus
    bus: {} as NatsBus,
    admin: {} as ConsoleAdminCommands,
    logger: createLogger('api-gateway', 'test', 'silent'),
    staticDir: '/nonexistent',
    version: '0.0.0-test',
  });
  await app.ready();
  return { app, registered };
}

describe('console OpenAPI document', () => {
  it('lists exactly the routes the console registers, with their methods', async () => {
    const { app, registered } = await startConsole();
    const res = await app.inject({ method: 'GET', url: '/console/api/openapi.json' });
    const doc = res.json<OpenAPIObject>();

    const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );
    expect(res.statusCode).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    expect(documented.sort()).toEqual([...registered].sort());
    expect(registered.length).toBe(CONSOLE_ROUTES.length + 1);
    await app.close();
  });

  it('marks every route but login and the document itself as needing a session', async () => {
    const { app } = await startConsole();
    const doc = (await app.inject({ url: '/console/api/openapi.json' })).json<OpenAPIObject>();

    const open = Object.values(doc.paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string; security: unknown[] }>)
        .filter((op) => op.security.length === 0)
        .map((op) => op.operationId),
    );
    expect(open.sort()).toEqual(['getOpenApi', 'login']);
    await app.close();
  });

  it('refuses a call without a session before reading its body, with the platform code', async () => {
    const { app } = await startConsole();

    const res = await app.inject({
      method: 'POST',
      url: '/console/api/apps',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });

    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 7601, message: 'not logged in' });
    await app.close();
  });

  it('refuses a write with a session cookie but without the CSRF header', async () => {
    const { app } = await startConsole();

    const res = await app.inject({
      method: 'POST',
      url: '/console/api/logout',
      headers: { cookie: `im_console_session=${'a'.repeat(64)}` },
    });

    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: number }>().code).toBe(7604);
    await app.close();
  });
});
