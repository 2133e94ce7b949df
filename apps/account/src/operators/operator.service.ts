import { timingSafeEqual } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { isURL } from 'class-validator';

import {
  appFeaturesPatch,
  CallbackCommands,
  AppReply,
  enabledAppFeatures,
  EnsureFirstOperatorReply,
  OperatorAppPageReply,
  OperatorAppSummary,
  OperatorAuditPageReply,
  OperatorCallRequest,
  OperatorCallbacksView,
  OperatorSetCallbacksRequest,
  OperatorAppRequest,
  OperatorCheckRequest,
  OperatorCreateAppRequest,
  OperatorLimits,
  OperatorLoginReply,
  OperatorLoginRequest,
  OperatorPageRequest,
  OperatorRecordRequest,
  OperatorSessionReply,
  OperatorSetAppFeaturesRequest,
  OperatorAppSettingsView,
  OperatorEditableSettings,
  OperatorSetAppSettingsRequest,
  RequestMeta,
} from '@im/contracts';
import type { AppFeature, AppSettings, CallbackSettings } from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { AccountDb, AccountExecutor } from '../account.db';
import { AccountError } from '../account.errors';
import type { AppRow } from '../account.schema';
import { ACCOUNT_DB } from '../account.tokens';
import { AppRegistryService } from '../app-registry.service';
import type { InTx } from '../app-registry.service';
import { OperatorError } from './operator.errors';
import {
  DUMMY_PASSWORD_HASH,
  generatePassword,
  generateToken,
  hashPassword,
  tokenHash,
  verifyPassword,
} from './operator-password.util';
import { OperatorRepository } from './operator.repository';

/** A checked console session. */
export interface OperatorSession {
  username: string;
  expiresAt: Date;
  clientIp: string | null;
}

const DEFAULT_PAGE = 20;

/**
 * Console operators: the first one, logins (throttled per name and per address), sessions with
 * their CSRF token, and the audit log every console write lands in, in the write's transaction.
 */
@Injectable()
export class OperatorService {
  constructor(
    private readonly operators: OperatorRepository,
    private readonly registry: AppRegistryService,
    @Inject(ACCOUNT_DB) private readonly db: AccountDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** The launcher's call: creates the operator when none exists; the password is shown once. */
  async ensureFirstOperator(
    meta: RequestMeta,
    username: string,
  ): Promise<EnsureFirstOperatorReply> {
    if (meta.role !== 'operator') throw AccountError.operatorRequired();
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const created = await this.db.transaction(async (tx) => {
      await this.operators.lockOperators(tx);
      if ((await this.operators.countOperators(tx)) > 0) return false;
      await this.operators.insertOperator(username, passwordHash, tx);
      await this.audit(
        tx,
        meta.callerId ?? 'launcher',
        null,
        'operator.create',
        `operator:${username}`,
        {},
      );
      return true;
    });
    if (!created) return { created: false, username };
    this.logger.info({ username }, 'first operator created');
    return { created: true, username, password };
  }

  async login(req: OperatorLoginRequest): Promise<OperatorLoginReply> {
    const clientIp = req.clientIp ?? null;
    await this.operators.deleteExpired(OperatorLimits.failureWindowSeconds);
    const failures = await this.operators.countRecentFailures(
      req.username,
      clientIp,
      OperatorLimits.failureWindowSeconds,
    );
    if (
      failures.byUsername >= OperatorLimits.failuresPerAccount ||
      failures.byIp >= OperatorLimits.failuresPerIp
    ) {
      this.logger.warn({ username: req.username, clientIp }, 'operator login throttled');
      throw OperatorError.throttled();
    }
    const operator = await this.operators.findOperator(req.username);
    // an unknown name costs the same hash as a wrong password
    const ok = await verifyPassword(req.password, operator?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!operator || !ok) {
      await this.operators.insertLoginFailure(req.username, clientIp);
      this.logger.warn({ username: req.username, clientIp }, 'operator login failed');
      throw OperatorError.loginFailed();
    }
    const sessionToken = generateToken();
    const csrfToken = generateToken();
    const expiresAt = new Date(Date.now() + OperatorLimits.sessionTtlSeconds * 1000);
    await this.db.transaction(async (tx) => {
      await this.operators.insertSession(
        {
          tokenHash: tokenHash(sessionToken),
          operatorId: operator.id,
          csrfHash: tokenHash(csrfToken),
          clientIp,
          expiresAt,
        },
        tx,
      );
      await this.audit(
        tx,
        operator.username,
        clientIp,
        'operator.login',
        `operator:${operator.username}`,
        {},
      );
    });
    await this.operators.clearLoginFailures(operator.username);
    this.logger.info({ username: operator.username }, 'operator logged in');
    return {
      username: operator.username,
      sessionToken,
      csrfToken,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** The session of a call; a write must also carry the session's CSRF token. */
  async checkSession(req: OperatorCallRequest, isWrite: boolean): Promise<OperatorSession> {
    const session = await this.operators.findLiveSession(tokenHash(req.sessionToken));
    if (!session) throw OperatorError.sessionInvalid();
    if (isWrite) {
      const given = Buffer.from(req.csrfToken ? tokenHash(req.csrfToken) : '', 'hex');
      const expected = Buffer.from(session.csrfHash, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw OperatorError.csrfInvalid();
      }
    }
    return {
      username: session.username,
      expiresAt: session.expiresAt,
      clientIp: req.clientIp ?? null,
    };
  }

  async whoAmI(req: OperatorCallRequest): Promise<OperatorSessionReply> {
    const s = await this.checkSession(req, false);
    return { username: s.username, expiresAt: s.expiresAt.toISOString() };
  }

  async logout(req: OperatorCallRequest): Promise<OperatorSessionReply> {
    const s = await this.checkSession(req, true);
    await this.db.transaction(async (tx) => {
      await this.operators.deleteSession(tokenHash(req.sessionToken), tx);
      await this.audit(tx, s.username, s.clientIp, 'operator.logout', `operator:${s.username}`, {});
    });
    return { username: s.username, expiresAt: new Date().toISOString() };
  }

  async listApps(meta: RequestMeta, req: OperatorPageRequest): Promise<OperatorAppPageReply> {
    const s = await this.checkSession(req, false);
    const { rows, total } = await this.registry.listApps(
      this.asOperator(meta, s),
      req.offset ?? 0,
      req.limit ?? DEFAULT_PAGE,
    );
    return { items: rows.map(toSummary), total };
  }

  async createApp(meta: RequestMeta, req: OperatorCreateAppRequest): Promise<AppReply> {
    const s = await this.checkSession(req, true);
    return this.registry.createApp(
      this.asOperator(meta, s),
      { name: req.name, adminIdentifiers: req.adminIdentifiers },
      this.auditing(s, 'app.create', (app) => ({
        name: app.name,
        adminIdentifiers: app.adminIdentifiers,
      })),
    );
  }

  async rotateAppKey(
    meta: RequestMeta,
    req: { sdkAppId: number } & OperatorCallRequest,
  ): Promise<AppReply> {
    const s = await this.checkSession(req, true);
    return this.registry.rotateKey(
      this.asOperator(meta, s),
      req.sdkAppId,
      this.auditing(s, 'app.rotate-key', (app) => ({ keyVersion: app.keyVersion })),
    );
  }

  async setAppFeatures(
    meta: RequestMeta,
    req: OperatorSetAppFeaturesRequest,
  ): Promise<OperatorAppSummary> {
    const s = await this.checkSession(req, true);
    const operatorMeta = this.asOperator(meta, s);
    const changes: Partial<Record<AppFeature, boolean>> = {};
    if (req.avchatroom != null) changes.avchatroom = req.avchatroom;
    if (req.bchatroom != null) changes.bchatroom = req.bchatroom;
    if (req.push != null) changes.push = req.push;
    const current = await this.registry.getApp(operatorMeta, req.sdkAppId);
    const app = await this.registry.updateApp(
      operatorMeta,
      { sdkAppId: req.sdkAppId, settings: appFeaturesPatch(current.settings, changes) },
      this.auditing(s, 'app.features', () => ({ ...changes })),
    );
    return {
      sdkAppId: app.sdkAppId,
      name: app.name,
      status: app.status,
      adminIdentifiers: app.adminIdentifiers,
      keyVersion: app.keyVersion,
      features: enabledAppFeatures(app.settings),
      createdAt: app.createdAt,
    };
  }

  /** A call the gateway passes on to another service: any session reads, a write needs CSRF. */
  async check(req: OperatorCheckRequest): Promise<OperatorSessionReply> {
    const s = await this.checkSession(req, req.write);
    return { username: s.username, expiresAt: s.expiresAt.toISOString() };
  }

  /** The audit entry of a write another service answered (session and CSRF checked again). */
  async record(req: OperatorRecordRequest): Promise<OperatorSessionReply> {
    const s = await this.checkSession(req, true);
    if (JSON.stringify(req.detail).length > OperatorLimits.auditDetailMaxChars) {
      throw AccountError.invalid(
        `detail is longer than ${OperatorLimits.auditDetailMaxChars} characters of JSON`,
      );
    }
    await this.audit(this.db, s.username, s.clientIp, req.action, req.target, {
      ...req.detail,
      code: req.code,
    });
    return { username: s.username, expiresAt: s.expiresAt.toISOString() };
  }

  async getAppSettings(
    meta: RequestMeta,
    req: OperatorAppRequest,
  ): Promise<OperatorAppSettingsView> {
    const s = await this.checkSession(req, false);
    const app = await this.registry.getApp(this.asOperator(meta, s), req.sdkAppId);
    return appSettingsView(app.sdkAppId, app.adminIdentifiers, app.settings);
  }

  /**
   * Changes the admin identifiers and the settings the Apps page edits; any other settings key
   * is refused (callbacks and push have their own calls).
   */
  async setAppSettings(
    meta: RequestMeta,
    req: OperatorSetAppSettingsRequest,
  ): Promise<OperatorAppSettingsView> {
    const s = await this.checkSession(req, true);
    const operatorMeta = this.asOperator(meta, s);
    const given = Object.entries(req.settings ?? {}).filter(([, v]) => v !== undefined);
    const editable: readonly string[] = OperatorEditableSettings;
    const foreign = given.map(([k]) => k).filter((k) => !editable.includes(k));
    if (foreign.length > 0) {
      throw AccountError.invalid(`settings not editable here: ${foreign.join(', ')}`);
    }
    const settings = Object.fromEntries(given) as AppSettings;
    if (settings.message) {
      const current = await this.registry.getApp(operatorMeta, req.sdkAppId);
      settings.message = { ...current.settings.message, ...settings.message };
    }
    const app = await this.registry.updateApp(
      operatorMeta,
      {
        sdkAppId: req.sdkAppId,
        ...(req.adminIdentifiers && { adminIdentifiers: req.adminIdentifiers }),
        ...(given.length > 0 && { settings }),
      },
      this.auditing(s, 'app.settings', () => ({
        keys: given.map(([k]) => k),
        ...(req.adminIdentifiers && { adminIdentifiers: req.adminIdentifiers }),
      })),
    );
    return appSettingsView(app.sdkAppId, app.adminIdentifiers, app.settings);
  }

  async getCallbacks(meta: RequestMeta, req: OperatorAppRequest): Promise<OperatorCallbacksView> {
    const s = await this.checkSession(req, false);
    const app = await this.registry.getApp(this.asOperator(meta, s), req.sdkAppId);
    return callbacksView(app.sdkAppId, app.settings);
  }

  /** Changes the callbacks key of the app's settings (replaced whole; absent fields kept). */
  async setCallbacks(
    meta: RequestMeta,
    req: OperatorSetCallbacksRequest,
  ): Promise<OperatorCallbacksView> {
    const s = await this.checkSession(req, true);
    const operatorMeta = this.asOperator(meta, s);
    const current = (await this.registry.getApp(operatorMeta, req.sdkAppId)).settings.callbacks;
    const next: CallbackSettings = { ...current };
    if (req.url !== undefined) {
      if (req.url === '') delete next.url;
      else if (!isURL(req.url, CALLBACK_URL)) {
        throw AccountError.invalid('url must be an http:// or https:// URL');
      } else next.url = req.url;
    }
    if (req.token !== undefined || req.authenticationEnabled !== undefined) {
      const token = req.token ?? current?.authentication?.token;
      if (token) {
        next.authentication = {
          token,
          enabled: req.authenticationEnabled ?? current?.authentication?.enabled ?? true,
        };
      } else if (req.authenticationEnabled) {
        throw AccountError.invalid('signing callbacks needs a token');
      }
    }
    if (req.enabledCommands !== undefined) next.enabledCommands = [...new Set(req.enabledCommands)];
    const app = await this.registry.updateApp(
      operatorMeta,
      { sdkAppId: req.sdkAppId, settings: { callbacks: next } },
      this.auditing(s, 'app.callbacks', () => ({
        url: next.url ?? null,
        enabledCommands: next.enabledCommands ?? [],
        authenticationEnabled: next.authentication?.enabled ?? false,
        tokenChanged: req.token !== undefined,
      })),
    );
    return callbacksView(app.sdkAppId, app.settings);
  }

  async listAudit(req: OperatorPageRequest): Promise<OperatorAuditPageReply> {
    await this.checkSession(req, false);
    const { rows, total } = await this.operators.findAuditPage(
      req.offset ?? 0,
      req.limit ?? DEFAULT_PAGE,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        operator: r.operator,
        action: r.action,
        target: r.target,
        detail: r.detail,
        clientIp: r.clientIp,
      })),
      total,
    };
  }

  /** The registry sees the console operator as an operator call by that name. */
  private asOperator(meta: RequestMeta, s: OperatorSession): RequestMeta {
    return { requestId: meta.requestId, role: 'operator', callerId: `console:${s.username}` };
  }

  private auditing(
    s: OperatorSession,
    action: string,
    detail: (app: AppRow) => Record<string, unknown>,
  ): InTx {
    return (tx, app) =>
      this.audit(tx, s.username, s.clientIp, action, `app:${app.sdkAppId}`, detail(app));
  }

  private audit(
    db: AccountExecutor,
    operator: string,
    clientIp: string | null,
    action: string,
    target: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    return this.operators.insertAudit({ operator, action, target, detail, clientIp }, db);
  }
}

const CALLBACK_URL = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
};

function callbacksView(sdkAppId: number, settings: AppSettings): OperatorCallbacksView {
  const c = settings.callbacks;
  return {
    sdkAppId,
    url: c?.url ?? null,
    tokenSet: !!c?.authentication?.token,
    authenticationEnabled: !!c?.authentication?.token && c.authentication.enabled !== false,
    enabledCommands: c?.enabledCommands ?? [],
    availableCommands: [...CallbackCommands],
  };
}

function toSummary(row: AppRow): OperatorAppSummary {
  return {
    sdkAppId: row.sdkAppId,
    name: row.name,
    status: row.status,
    adminIdentifiers: row.adminIdentifiers,
    keyVersion: row.keyVersion,
    features: enabledAppFeatures(row.settings),
    createdAt: row.createdAt.toISOString(),
  };
}

function appSettingsView(
  sdkAppId: number,
  adminIdentifiers: string[],
  settings: AppSettings,
): OperatorAppSettingsView {
  const editable: readonly string[] = OperatorEditableSettings;
  return {
    sdkAppId,
    adminIdentifiers,
    settings: Object.fromEntries(
      Object.entries(settings).filter(([k, v]) => editable.includes(k) && v != null),
    ),
  };
}
