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
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountError } from './account.errors';
import type { AppRow } from './account.schema';
import { AppRepository } from './app.repository';

export const DEFAULT_ADMIN_IDENTIFIER = 'administrator';

/** A new secret key: 64 random hex characters (decisions.md AMB-1). */
export function generateSecretKey(): string {
  return randomBytes(32).toString('hex');
}

/** The app registry: SDKAppIDs, secret keys, admin identifiers, per-app settings. */
@Injectable()
export class AppRegistryService {
  constructor(
    private readonly apps: AppRepository,
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async createApp(meta: RequestMeta, req: CreateAppRequest): Promise<AppReply> {
    assertOperator(meta);
    const base = {
      name: req.name,
      secretKey: req.secretKey ?? generateSecretKey(),
      adminIdentifiers: req.adminIdentifiers ?? [DEFAULT_ADMIN_IDENTIFIER],
      settings: req.settings ?? {},
    };
    let row: AppRow | undefined;
    // null = not given, like absent (`@IsOptional` lets null through).
    if (req.sdkAppId != null) {
      row = await this.apps.insertApp({ ...base, sdkAppId: req.sdkAppId });
      if (!row) throw AccountError.appExists(req.sdkAppId);
    } else {
      // The sequence never repeats; skip IDs an operator took by hand.
      for (let attempt = 0; !row && attempt < 100; attempt++) {
        row = await this.apps.insertApp({ ...base, sdkAppId: await this.apps.nextSdkAppId() });
      }
      if (!row) throw AccountError.invalid('could not allocate an SDKAppID');
    }
    await this.bus.emit(AccountEvt.AppChanged, { sdkAppId: row.sdkAppId, changes: ['created'] });
    this.logger.info({ sdkAppId: row.sdkAppId }, 'app created');
    return toAppReply(row);
  }

  async getApp(meta: RequestMeta, sdkAppId: number): Promise<AppReply> {
    assertOperator(meta);
    return toAppReply(await this.requireApp(sdkAppId));
  }

  async updateApp(meta: RequestMeta, req: UpdateAppRequest): Promise<AppReply> {
    assertOperator(meta);
    const row = await this.apps.updateApp(req.sdkAppId, req);
    if (!row) throw AccountError.appNotFound(req.sdkAppId);
    const changes: AppChange[] = [];
    if (req.name != null) changes.push('name');
    if (req.status != null) changes.push('status');
    if (req.adminIdentifiers != null) changes.push('admins');
    if (req.settings != null) changes.push('settings');
    await this.bus.emit(AccountEvt.AppChanged, { sdkAppId: row.sdkAppId, changes });
    this.logger.info({ sdkAppId: row.sdkAppId, changes }, 'app updated');
    return toAppReply(row);
  }

  /** Replaces the secret key; UserSigs signed with the old key stop verifying at once. */
  async rotateKey(meta: RequestMeta, sdkAppId: number): Promise<AppReply> {
    assertOperator(meta);
    const row = await this.apps.updateApp(sdkAppId, { secretKey: generateSecretKey() });
    if (!row) throw AccountError.appNotFound(sdkAppId);
    await this.bus.emit(AccountEvt.AppChanged, { sdkAppId, changes: ['key-rotated'] });
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

  private async requireApp(sdkAppId: number): Promise<AppRow> {
    const row = await this.apps.findApp(sdkAppId);
    if (!row) throw AccountError.appNotFound(sdkAppId);
    return row;
  }
}

function assertOperator(meta: RequestMeta): void {
  if (meta.role !== 'operator') throw AccountError.operatorRequired();
}

function toAppReply(row: AppRow): AppReply {
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
