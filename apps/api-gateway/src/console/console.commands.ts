import type { SchemaObject } from 'openapi3-ts/oas31';

import {
  AccountLimits,
  CallbackCommands,
  CallbackLimits,
  AccountRpc,
  AppFeatures,
  AppStatuses,
  enabledAppFeatures,
  MultiLoginPolicies,
  OperatorLimits,
} from '@im/contracts';
import type { AppReply } from '@im/contracts';
import type { NatsBus } from '@im/platform';

import { ADMIN_ROUTES } from './console-admin.commands';
import type { ConsoleAdminCommands } from './console-admin.service';

/** The operator's credentials of one console call, taken from cookie and header. */
export interface ConsoleSession {
  sessionToken: string;
  /** The `x-csrf-token` header; writes are refused without it. */
  csrfToken?: string;
  clientIp: string;
}

export interface ConsoleCall {
  body: Record<string, unknown>;
  query: Record<string, unknown>;
  params: Record<string, string>;
  /** Present on every route whose `auth` is not `none`. */
  session?: ConsoleSession;
  clientIp: string;
  requestId: string;
  bus: NatsBus;
  /** Calls on an app's users, groups and messages, as its admin (console-admin.service.ts). */
  admin: ConsoleAdminCommands;
}

/** What a handler answers; `login`/`logout` also set or clear the cookies. */
export interface ConsoleResult {
  body: unknown;
  session?: { sessionToken: string; csrfToken: string; maxAgeSeconds: number } | 'clear';
}

/**
 * - `none`: no session (login, the OpenAPI document);
 * - `read`: a session;
 * - `write`: a session and its CSRF token; recorded in the audit log by the service.
 */
export type ConsoleAuth = 'none' | 'read' | 'write';

/** One route of the console API: registered from this row, documented from this row. */
export interface ConsoleRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** Under `/console/api`, Fastify syntax (`/apps/:sdkAppId/rotate-key`). */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: ConsoleAuth;
  params?: SchemaObject;
  query?: SchemaObject;
  body?: SchemaObject;
  response: SchemaObject;
  handle(call: ConsoleCall): Promise<ConsoleResult>;
}

export const ConsoleApiPrefix = '/console/api';

// ---- schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses it) ----

const str = (maxLength: number, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  maxLength,
  ...extra,
});

const pageQuery: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
    limit: { type: 'integer', minimum: 1, maximum: OperatorLimits.pageMax, default: 20 },
  },
};

const sdkAppIdParams: SchemaObject = {
  type: 'object',
  required: ['sdkAppId'],
  properties: { sdkAppId: { type: 'integer', minimum: 1, maximum: 0xffffffff } },
};

const sessionSchema: SchemaObject = {
  type: 'object',
  required: ['username', 'expiresAt'],
  properties: { username: str(64), expiresAt: str(40, { format: 'date-time' }) },
};

const featuresSchema: SchemaObject = {
  type: 'array',
  items: { type: 'string', enum: [...AppFeatures] },
};

const appSummarySchema: SchemaObject = {
  type: 'object',
  required: [
    'sdkAppId',
    'name',
    'status',
    'adminIdentifiers',
    'keyVersion',
    'features',
    'createdAt',
  ],
  properties: {
    sdkAppId: { type: 'integer' },
    name: str(AccountLimits.appNameMaxBytes),
    status: { type: 'string', enum: [...AppStatuses] },
    adminIdentifiers: { type: 'array', items: str(32) },
    keyVersion: { type: 'integer' },
    features: featuresSchema,
    createdAt: str(40, { format: 'date-time' }),
  },
};

/** An app with its secret key: answered only by create and rotate (the key is shown once). */
const appWithKeySchema: SchemaObject = {
  type: 'object',
  required: ['sdkAppId', 'name', 'adminIdentifiers', 'secretKey', 'keyVersion', 'features'],
  properties: {
    sdkAppId: { type: 'integer' },
    name: str(AccountLimits.appNameMaxBytes),
    adminIdentifiers: { type: 'array', items: str(32) },
    secretKey: str(64, { pattern: '^[0-9a-f]{64}$' }),
    keyVersion: { type: 'integer' },
    features: featuresSchema,
  },
};

const callbacksSchema: SchemaObject = {
  type: 'object',
  required: [
    'sdkAppId',
    'url',
    'tokenSet',
    'authenticationEnabled',
    'enabledCommands',
    'availableCommands',
  ],
  properties: {
    sdkAppId: { type: 'integer' },
    url: { type: ['string', 'null'] },
    tokenSet: { type: 'boolean' },
    authenticationEnabled: { type: 'boolean' },
    enabledCommands: { type: 'array', items: { type: 'string', enum: [...CallbackCommands] } },
    availableCommands: { type: 'array', items: { type: 'string', enum: [...CallbackCommands] } },
  },
};

const limit = (maximum: number, minimum = 1): SchemaObject => ({
  type: 'integer',
  minimum,
  maximum,
});
const fieldDeclarations: SchemaObject = {
  type: 'array',
  maxItems: 100,
  items: { type: 'object', additionalProperties: true, required: ['key'] },
  description: 'custom field declarations (docs/console.md); checked by the account service',
};

/** The settings the Apps page edits (the account service validates them in full). */
const editableSettingsSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    multiLoginPolicy: { type: 'string', enum: [...MultiLoginPolicies] },
    autoCreateAccountOnLogin: { type: 'boolean' },
    restRateLimitPerSecond: limit(1_000_000),
    message: {
      type: 'object',
      additionalProperties: true,
      properties: { roamingDays: limit(36_500) },
    },
    friendLimit: limit(100_000),
    blacklistLimit: limit(100_000),
    groupDailyCreateLimit: limit(100_000_000, 0),
    appGroupLimit: limit(1_000_000_000),
    userGroupLimit: limit(100_000),
    groupMemberCap: limit(10_000),
    profileCustomFields: fieldDeclarations,
    snsCustomFields: fieldDeclarations,
    groupCustomFields: fieldDeclarations,
    groupMemberCustomFields: fieldDeclarations,
  },
};

const appSettingsSchema: SchemaObject = {
  type: 'object',
  required: ['sdkAppId', 'adminIdentifiers', 'settings'],
  properties: {
    sdkAppId: { type: 'integer' },
    adminIdentifiers: { type: 'array', items: str(32) },
    settings: { ...editableSettingsSchema, additionalProperties: true },
  },
};

const pageOf = (item: SchemaObject): SchemaObject => ({
  type: 'object',
  required: ['items', 'total'],
  properties: { items: { type: 'array', items: item }, total: { type: 'integer' } },
});

const auditEntrySchema: SchemaObject = {
  type: 'object',
  required: ['id', 'at', 'operator', 'action', 'target', 'detail'],
  properties: {
    id: { type: 'integer' },
    at: str(40, { format: 'date-time' }),
    operator: str(64),
    action: str(64),
    target: str(128),
    detail: { type: 'object', additionalProperties: true },
    clientIp: { type: ['string', 'null'] },
  },
};

const page = (q: Record<string, unknown>) => ({
  offset: q.offset as number | undefined,
  limit: q.limit as number | undefined,
});

function sessionOf(call: ConsoleCall): ConsoleSession {
  if (!call.session) throw new Error('route without a session');
  return call.session;
}

function withKey(app: AppReply) {
  return {
    sdkAppId: app.sdkAppId,
    name: app.name,
    adminIdentifiers: app.adminIdentifiers,
    secretKey: app.secretKey,
    keyVersion: app.keyVersion,
    features: enabledAppFeatures(app.settings),
  };
}

/** Every route of the console API. A new page adds its rows here. */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'POST',
    path: '/login',
    operationId: 'login',
    summary: 'Log in as an operator; sets the session and CSRF cookies',
    tag: 'session',
    auth: 'none',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['username', 'password'],
      properties: {
        username: str(OperatorLimits.usernameMaxBytes, { minLength: 1 }),
        password: str(OperatorLimits.passwordMaxBytes, { minLength: 1 }),
      },
    },
    response: sessionSchema,
    async handle({ body, bus, clientIp, requestId }) {
      const reply = await bus.request(
        AccountRpc.OperatorLogin,
        { username: body.username as string, password: body.password as string, clientIp },
        { context: { role: 'service', callerId: 'api-gateway', requestId } },
      );
      return {
        body: { username: reply.username, expiresAt: reply.expiresAt },
        session: {
          sessionToken: reply.sessionToken,
          csrfToken: reply.csrfToken,
          maxAgeSeconds: OperatorLimits.sessionTtlSeconds,
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/logout',
    operationId: 'logout',
    summary: 'End the session; clears the cookies',
    tag: 'session',
    auth: 'write',
    response: sessionSchema,
    async handle(call) {
      const reply = await call.bus.request(AccountRpc.OperatorLogout, sessionOf(call), ctx(call));
      return { body: reply, session: 'clear' };
    },
  },
  {
    method: 'GET',
    path: '/session',
    operationId: 'getSession',
    summary: 'Who is logged in',
    tag: 'session',
    auth: 'read',
    response: sessionSchema,
    async handle(call) {
      return {
        body: await call.bus.request(AccountRpc.OperatorSession, sessionOf(call), ctx(call)),
      };
    },
  },
  {
    method: 'GET',
    path: '/apps',
    operationId: 'listApps',
    summary: 'A page of apps, newest first (no secret keys)',
    tag: 'apps',
    auth: 'read',
    query: pageQuery,
    response: pageOf(appSummarySchema),
    async handle(call) {
      return {
        body: await call.bus.request(
          AccountRpc.OperatorListApps,
          { ...sessionOf(call), ...page(call.query) },
          ctx(call),
        ),
      };
    },
  },
  {
    method: 'POST',
    path: '/apps',
    operationId: 'createApp',
    summary: 'Create an app; its SDKAppID and secret key are answered once',
    tag: 'apps',
    auth: 'write',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: str(AccountLimits.appNameMaxBytes, { minLength: 1 }),
        adminIdentifiers: {
          type: 'array',
          minItems: 1,
          maxItems: AccountLimits.adminIdentifiersMax,
          items: str(32, { minLength: 1 }),
        },
      },
    },
    response: appWithKeySchema,
    async handle(call) {
      const app = await call.bus.request(
        AccountRpc.OperatorCreateApp,
        {
          ...sessionOf(call),
          name: call.body.name as string,
          adminIdentifiers: call.body.adminIdentifiers as string[] | undefined,
        },
        ctx(call),
      );
      return { body: withKey(app) };
    },
  },
  {
    method: 'POST',
    path: '/apps/:sdkAppId/rotate-key',
    operationId: 'rotateAppKey',
    summary: 'Replace the secret key; the new key is answered once, old UserSigs stop verifying',
    tag: 'apps',
    auth: 'write',
    params: sdkAppIdParams,
    response: appWithKeySchema,
    async handle(call) {
      const app = await call.bus.request(
        AccountRpc.OperatorRotateAppKey,
        { ...sessionOf(call), sdkAppId: Number(call.params.sdkAppId) },
        ctx(call),
      );
      return { body: withKey(app) };
    },
  },
  {
    method: 'PUT',
    path: '/apps/:sdkAppId/features',
    operationId: 'setAppFeatures',
    summary: 'Switch features (AVChatRoom, BChatRoom, push) on or off; absent = unchanged',
    tag: 'apps',
    auth: 'write',
    params: sdkAppIdParams,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(AppFeatures.map((f) => [f, { type: 'boolean' }])),
    },
    response: appSummarySchema,
    async handle(call) {
      return {
        body: await call.bus.request(
          AccountRpc.OperatorSetAppFeatures,
          { ...sessionOf(call), ...call.body, sdkAppId: Number(call.params.sdkAppId) },
          ctx(call),
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/apps/:sdkAppId/settings',
    operationId: 'getAppSettings',
    summary: "The app's admin identifiers and the settings the Apps page edits",
    tag: 'apps',
    auth: 'read',
    params: sdkAppIdParams,
    response: appSettingsSchema,
    async handle(call) {
      return {
        body: await call.bus.request(
          AccountRpc.OperatorGetAppSettings,
          { ...sessionOf(call), sdkAppId: Number(call.params.sdkAppId) },
          ctx(call),
        ),
      };
    },
  },
  {
    method: 'PUT',
    path: '/apps/:sdkAppId/settings',
    operationId: 'setAppSettings',
    summary:
      'Change admin identifiers and settings (multi-login, roaming, limits, custom fields); ' +
      'each settings key given replaces the stored one, absent = unchanged',
    tag: 'apps',
    auth: 'write',
    params: sdkAppIdParams,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        adminIdentifiers: {
          type: 'array',
          minItems: 1,
          maxItems: AccountLimits.adminIdentifiersMax,
          items: str(32, { minLength: 1 }),
        },
        settings: editableSettingsSchema,
      },
    },
    response: appSettingsSchema,
    async handle(call) {
      return {
        body: await call.bus.request(
          AccountRpc.OperatorSetAppSettings,
          {
            ...sessionOf(call),
            sdkAppId: Number(call.params.sdkAppId),
            ...(call.body.adminIdentifiers !== undefined && {
              adminIdentifiers: call.body.adminIdentifiers as string[],
            }),
            ...(call.body.settings !== undefined && {
              settings: call.body.settings as Record<string, unknown>,
            }),
          },
          ctx(call),
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/apps/:sdkAppId/callbacks',
    operationId: 'getAppCallbacks',
    summary: "The app's callback URL, whether a token is set (never the token), enabled callbacks",
    tag: 'callbacks',
    auth: 'read',
    params: sdkAppIdParams,
    response: callbacksSchema,
    async handle(call) {
      return {
        body: await call.bus.request(
          AccountRpc.OperatorGetCallbacks,
          { ...sessionOf(call), sdkAppId: Number(call.params.sdkAppId) },
          ctx(call),
        ),
      };
    },
  },
  {
    method: 'PUT',
    path: '/apps/:sdkAppId/callbacks',
    operationId: 'setAppCallbacks',
    summary:
      "Change the app's callbacks; absent = unchanged, url '' = none; the token is write-only",
    tag: 'callbacks',
    auth: 'write',
    params: sdkAppIdParams,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        url: str(CallbackLimits.urlMaxLength),
        token: str(CallbackLimits.tokenMaxLength, { minLength: 1 }),
        authenticationEnabled: { type: 'boolean' },
        enabledCommands: {
          type: 'array',
          maxItems: CallbackCommands.length,
          items: { type: 'string', enum: [...CallbackCommands] },
        },
      },
    },
    response: callbacksSchema,
    async handle(call) {
      return {
        body: await call.bus.request(
          AccountRpc.OperatorSetCallbacks,
          { ...sessionOf(call), ...call.body, sdkAppId: Number(call.params.sdkAppId) },
          ctx(call),
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/audit',
    operationId: 'listAudit',
    summary: 'A page of the operator audit log, newest first',
    tag: 'audit',
    auth: 'read',
    query: pageQuery,
    response: pageOf(auditEntrySchema),
    async handle(call) {
      return {
        body: await call.bus.request(
          AccountRpc.OperatorListAudit,
          { ...sessionOf(call), ...page(call.query) },
          ctx(call),
        ),
      };
    },
  },
  ...ADMIN_ROUTES,
];

/** The gateway calls as itself; the operator is proven by the session inside the request. */
function ctx(call: ConsoleCall) {
  return {
    context: { role: 'service' as const, callerId: 'api-gateway', requestId: call.requestId },
  };
}
