import { randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import {
  AccountEvt,
  AppChange,
  AppCredentialsReply,
  AppReply,
  CreateAppRequest,
  RequestMeta,
  UpdateAppRequest,
} from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { AccountDb, AccountTx } from './account.db';
import { AccountError } from './account.errors';
import type { AppRow } from './account.schema';
import { ACCOUNT_DB } from './account.tokens';
import { AppRepository } from './app.repository';

/** Work that commits with an app change: the console's audit entry. */
export type InTx = (tx: AccountTx, app: AppRow) => Promise<void>;

export const DEFAULT_ADMIN_IDENTIFIER = 'administrator';

/** A new secret key: 64 random hex characters (docs/requirements.md AMB-1). */
export function generateSecretKey(): string {
  return randomBytes(32).toString('hex');
}

/** The app registry: SDKAppIDs, secret keys, admin identifiers, per-app settings. */
@Injectable()
export class AppRegistryService {
  constructor(
    private readonly apps: AppRepository,
    private readonly outbox: EventOutbox,
    @Inject(ACCOUNT_DB) private readonly db: AccountDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  private commit<T>(work: (tx: AccountTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }

  /**
   * `alsoInTx` runs inside the change's transaction with the new row (the console's audit
   * entry commits or rolls back with the change).
   */
  async createApp(meta: RequestMeta, req: CreateAppRequest, alsoInTx?: InTx): Promise<AppReply> {
    assertOperator(meta);
    const base = {
      name: req.name,
      secretKey: req.secretKey ?? generateSecretKey(),
      adminIdentifiers: req.adminIdentifiers ?? [DEFAULT_ADMIN_IDENTIFIER],
      settings: req.settings ?? {},
    };
    const row = await this.commit(async (tx) => {
      let created: AppRow | undefined;
      // null = not given, like absent (`@IsOptional` lets null through).
      if (req.sdkAppId != null) {
        created = await this.apps.insertApp({ ...base, sdkAppId: req.sdkAppId }, tx);
        if (!created) throw AccountError.appExists(req.sdkAppId);
      } else {
        // The sequence never repeats; skip IDs an operator took by hand.
        for (let attempt = 0; !created && attempt < 100; attempt++) {
          const sdkAppId = await this.apps.nextSdkAppId(tx);
          created = await this.apps.insertApp({ ...base, sdkAppId }, tx);
        }
        if (!created) throw AccountError.invalid('could not allocate an SDKAppID');
      }
      await this.outbox.stage(tx, AccountEvt.AppChanged, {
        sdkAppId: created.sdkAppId,
        changes: ['created'],
      });
      await alsoInTx?.(tx, created);
      return created;
    });
    this.logger.info({ sdkAppId: row.sdkAppId }, 'app created');
    return toAppReply(row);
  }

  async getApp(meta: RequestMeta, sdkAppId: number): Promise<AppReply> {
    assertOperator(meta);
    return toAppReply(await this.requireApp(sdkAppId));
  }

  async updateApp(meta: RequestMeta, req: UpdateAppRequest, alsoInTx?: InTx): Promise<AppReply> {
    assertOperator(meta);
    const changes: AppChange[] = [];
    if (req.name != null) changes.push('name');
    if (req.status != null) changes.push('status');
    if (req.adminIdentifiers != null) changes.push('admins');
    if (req.settings != null) changes.push('settings');
    const row = await this.commit(async (tx) => {
      const updated = await this.apps.updateApp(req.sdkAppId, req, tx);
      if (!updated) throw AccountError.appNotFound(req.sdkAppId);
      if (changes.length) {
        await this.outbox.stage(tx, AccountEvt.AppChanged, { sdkAppId: req.sdkAppId, changes });
      }
      await alsoInTx?.(tx, updated);
      return updated;
    });
    this.logger.info({ sdkAppId: row.sdkAppId, changes }, 'app updated');
    return toAppReply(row);
  }

  /** Replaces the secret key; UserSigs signed with the old key stop verifying at once. */
  async rotateKey(meta: RequestMeta, sdkAppId: number, alsoInTx?: InTx): Promise<AppReply> {
    assertOperator(meta);
    const row = await this.commit(async (tx) => {
      const updated = await this.apps.updateApp(sdkAppId, { secretKey: generateSecretKey() }, tx);
      if (!updated) throw AccountError.appNotFound(sdkAppId);
      await this.outbox.stage(tx, AccountEvt.AppChanged, { sdkAppId, changes: ['key-rotated'] });
      await alsoInTx?.(tx, updated);
      return updated;
    });
    this.logger.info({ sdkAppId, keyVersion: row.keyVersion }, 'app key rotated');
    return toAppReply(row);
  }

  /** Key material for the gateways that verify UserSigs; never for end users. */
  async getCredentials(meta: RequestMeta, sdkAppId: number): Promise<AppCredentialsReply> {
    if (meta.role !== 'service' && meta.role !== 'operator') throw AccountError.operatorRequired();
    const row = await this.requireApp(sdkAppId);
    return {
      sdkAppId: row.sdkAppId,
      status: row.status,
      secretKey: row.secretKey,
      keyVersion: row.keyVersion,
      adminIdentifiers: row.adminIdentifiers,
      settings: row.settings,
    };
  }

  /** A page of apps, newest first (the console's list). */
  async listApps(
    meta: RequestMeta,
    offset: number,
    limit: number,
  ): Promise<{ rows: AppRow[]; total: number }> {
    assertOperator(meta);
    return this.apps.findAppsPage(offset, limit);
  }

  private async requireApp(sdkAppId: number): Promise<AppRow> {
    const row = await this.apps.findApp(sdkAppId);
    if (!row) throw AccountError.appNotFound(sdkAppId);
    return row;
  }
}

function assertOperator(meta: RequestMeta): void {
  if (meta.role !== 'operator') throw AccountError.operatorRequired();
}

export function toAppReply(row: AppRow): AppReply {
  return {
    sdkAppId: row.sdkAppId,
    name: row.name,
    status: row.status,
    adminIdentifiers: row.adminIdentifiers,
    secretKey: row.secretKey,
    keyVersion: row.keyVersion,
    settings: row.settings,
    createdAt: row.createdAt.toISOString(),
  };
}
