import type {
  AppFeature,
  OperatorAppSummary,
  OperatorAuditEntry,
  OperatorSessionReply,
} from '@im/contracts';

import { call } from './client';
import type { Page } from './client';

export type { AppFeature, OperatorAppSummary, OperatorAuditEntry, OperatorSessionReply };

/** What create and rotate answer: the secret key, shown once. */
export interface AppWithKey {
  sdkAppId: number;
  name: string;
  adminIdentifiers: string[];
  secretKey: string;
  keyVersion: number;
  features: AppFeature[];
}

export interface PageQuery {
  offset: number;
  limit: number;
}

/** Every console API call the pages make (the server's table: /console/api/openapi.json). */
export const consoleApi = {
  login: (username: string, password: string) =>
    call<OperatorSessionReply>('POST', '/login', { body: { username, password } }),
  logout: () => call<OperatorSessionReply>('POST', '/logout'),
  session: () => call<OperatorSessionReply>('GET', '/session'),
  listApps: (q: PageQuery) => call<Page<OperatorAppSummary>>('GET', '/apps', { query: { ...q } }),
  createApp: (name: string, adminIdentifiers?: string[]) =>
    call<AppWithKey>('POST', '/apps', { body: { name, adminIdentifiers } }),
  rotateAppKey: (sdkAppId: number) => call<AppWithKey>('POST', `/apps/${sdkAppId}/rotate-key`),
  setAppFeatures: (sdkAppId: number, changes: Partial<Record<AppFeature, boolean>>) =>
    call<OperatorAppSummary>('PUT', `/apps/${sdkAppId}/features`, { body: changes }),
  listAudit: (q: PageQuery) => call<Page<OperatorAuditEntry>>('GET', '/audit', { query: { ...q } }),
};
