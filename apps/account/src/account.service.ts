import { Inject, Injectable } from '@nestjs/common';

import {
  AccountEvt,
  AccountResultItem,
  AccountToImport,
  CallerContext,
  CheckAccountsReply,
  DeleteAccountsReply,
  ErrorCode,
  ImportAccountReply,
  ImportAccountRequest,
  ImportAccountsReply,
  isPrivileged,
  isValidUserId,
  KickAccountReply,
  LoginAccountReply,
  LoginAccountRequest,
  QueryOnlineStatusReply,
  QueryOnlineStatusRequest,
} from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER, PresenceReader } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { AccountDb, AccountTx } from './account.db';
import { AccountError } from './account.errors';
import { AccountRepository } from './account.repository';
import { distinct, distinctByUserId, importItemProblem } from './account.rules';
import { ACCOUNT_DB } from './account.tokens';
import { pushReachable, summarise } from './online-status.rules';
import { PushDevicesClient } from './push-devices.client';

const INVALID_ID = 'invalid user ID';

/** Accounts of an app: import, delete, check, kick, online status. */
@Injectable()
export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly presence: PresenceReader,
    private readonly pushDevices: PushDevicesClient,
    private readonly outbox: EventOutbox,
    @Inject(ACCOUNT_DB) private readonly db: AccountDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  private commit<T>(work: (tx: AccountTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }

  async importAccount(
    caller: CallerContext,
    req: ImportAccountRequest,
  ): Promise<ImportAccountReply> {
    assertAdmin(caller);
    const [row] = await this.commit(async (tx) => {
      const rows = await this.accounts.upsertAccounts(caller.sdkAppId, [req], tx);
      await this.outbox.stage(tx, AccountEvt.Imported, { accounts: [req] });
      return rows;
    });
    if (row.created) this.logger.info({ userId: req.userId }, 'account imported');
    return { created: row.created };
  }

  /** Imports what it can; accounts that break a rule are returned as failed. */
  async importAccounts(
    caller: CallerContext,
    items: AccountToImport[],
  ): Promise<ImportAccountsReply> {
    assertAdmin(caller);
    const failed: string[] = [];
    const valid: AccountToImport[] = [];
    for (const item of distinctByUserId(items)) {
      if (importItemProblem(item)) failed.push(item.userId);
      else valid.push(item);
    }
    const rows = await this.commit(async (tx) => {
      const written = await this.accounts.upsertAccounts(caller.sdkAppId, valid, tx);
      if (valid.length) await this.outbox.stage(tx, AccountEvt.Imported, { accounts: valid });
      return written;
    });
    this.logger.info(
      {
        imported: rows.length,
        created: rows.filter((r) => r.created).length,
        failed: failed.length,
      },
      'accounts imported',
    );
    return { failedUserIds: failed };
  }

  async deleteAccounts(caller: CallerContext, userIds: string[]): Promise<DeleteAccountsReply> {
    assertAdmin(caller);
    const ids = distinct(userIds);
    const deleted = await this.commit(async (tx) => {
      const gone = await this.accounts.deleteAccounts(
        caller.sdkAppId,
        ids.filter(isValidUserId),
        tx,
      );
      if (gone.length) await this.outbox.stage(tx, AccountEvt.Deleted, { userIds: gone });
      return new Set(gone);
    });
    this.logger.info({ deleted: deleted.size, requested: ids.length }, 'accounts deleted');
    return {
      results: ids.map((userId): AccountResultItem => {
        if (!isValidUserId(userId))
          return { userId, code: ErrorCode.AccountInvalidParameters, message: INVALID_ID };
        if (!deleted.has(userId))
          return { userId, code: ErrorCode.AccountNotImported, message: 'account not imported' };
        return { userId, code: ErrorCode.Ok, message: '' };
      }),
    };
  }

  async checkAccounts(caller: CallerContext, userIds: string[]): Promise<CheckAccountsReply> {
    assertAdmin(caller);
    const ids = distinct(userIds);
    const existing = await this.accounts.findExistingUserIds(
      caller.sdkAppId,
      ids.filter(isValidUserId),
    );
    return {
      results: ids.map((userId) =>
        isValidUserId(userId)
          ? { userId, code: ErrorCode.Ok, message: '', isImported: existing.has(userId) }
          : {
              userId,
              code: ErrorCode.AccountInvalidParameters,
              message: INVALID_ID,
              isImported: false,
            },
      ),
    };
  }

  /**
   * A gateway admits a user who presented a valid UserSig: creates the account on first login
   * when the app allows it (AMB-2) and says since when UserSigs are revoked (kick).
   */
  async login(caller: CallerContext, req: LoginAccountRequest): Promise<LoginAccountReply> {
    if (caller.role !== 'service') throw AccountError.operatorRequired();
    const known = await this.accounts.findRevokedBefore(caller.sdkAppId, req.userId);
    if (known !== undefined) return { created: false, revokedBefore: known };
    if (!req.createIfMissing) throw AccountError.notImported(req.userId);
    const created = await this.commit(async (tx) => {
      const inserted = await this.accounts.insertAccountIfMissing(caller.sdkAppId, req.userId, tx);
      if (inserted) {
        await this.outbox.stage(tx, AccountEvt.Imported, { accounts: [{ userId: req.userId }] });
      }
      return inserted;
    });
    if (created) this.logger.info({ userId: req.userId }, 'account created by its first login');
    return { created, revokedBefore: 0 };
  }

  /** Drops the user's sessions (gateways act on the event) and revokes older UserSigs. */
  async kick(
    caller: CallerContext,
    userId: string,
    now = Math.floor(Date.now() / 1000),
  ): Promise<KickAccountReply> {
    assertAdmin(caller);
    // A UserSig issued in this very second stays valid: the app may re-sign right after a kick.
    const revokedBefore = now;
    await this.commit(async (tx) => {
      if (!(await this.accounts.revokeSigs(caller.sdkAppId, userId, revokedBefore, tx))) {
        throw AccountError.notImported(userId);
      }
      await this.outbox.stage(tx, AccountEvt.Kicked, { userId, revokedBefore });
    });
    this.logger.info({ userId }, 'account kicked');
    return { revokedBefore };
  }

  async queryOnlineStatus(
    caller: CallerContext,
    req: QueryOnlineStatusRequest,
  ): Promise<QueryOnlineStatusReply> {
    const ids = distinct(req.userIds);
    const existing = await this.accounts.findExistingUserIds(
      caller.sdkAppId,
      ids.filter(isValidUserId),
    );
    const known = ids.filter((id) => existing.has(id));
    const live = await this.presence.live(caller.sdkAppId, known);
    const departed = await this.presence.departed(caller.sdkAppId, known);
    // only a user with a departure may be PushOnline on a platform: ask push about those
    const candidates = known.filter((_, i) => departed[i].length > 0);
    const devices = await this.pushDevices.platformsOf(caller.sdkAppId, candidates);
    const results = known.map((userId, i) =>
      summarise(
        userId,
        live[i],
        req.withDetail ?? false,
        pushReachable(live[i], departed[i], devices.get(userId) ?? []),
      ),
    );
    return {
      results,
      errors: ids
        .filter((id) => !existing.has(id))
        .map((userId) => ({ userId, code: ErrorCode.AccountNotImported })),
    };
  }
}

/** Account administration is for the App admin (REST) and platform services, not end users. */
function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller)) throw AccountError.adminRequired();
}
