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
  isValidUserId,
  KickAccountReply,
  QueryOnlineStatusReply,
  QueryOnlineStatusRequest,
} from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountError } from './account.errors';
import { AccountRepository } from './account.repository';
import { distinct, distinctByUserId, importItemProblem } from './account.rules';
import { PresenceReader } from './presence.reader';

const INVALID_ID = 'invalid user ID';

/** Accounts of an app: import, delete, check, kick, online status. */
@Injectable()
export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly presence: PresenceReader,
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async importAccount(
    caller: CallerContext,
    req: ImportAccountRequest,
  ): Promise<ImportAccountReply> {
    assertAdmin(caller);
    const [row] = await this.accounts.upsertAccounts(caller.sdkAppId, [req]);
    await this.bus.emit(AccountEvt.Imported, { accounts: [req] });
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
    const rows = await this.accounts.upsertAccounts(caller.sdkAppId, valid);
    if (valid.length) await this.bus.emit(AccountEvt.Imported, { accounts: valid });
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
    const deleted = new Set(
      await this.accounts.deleteAccounts(caller.sdkAppId, ids.filter(isValidUserId)),
    );
    if (deleted.size) await this.bus.emit(AccountEvt.Deleted, { userIds: [...deleted] });
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

  /** Drops the user's sessions (gateways act on the event) and revokes older UserSigs. */
  async kick(
    caller: CallerContext,
    userId: string,
    now = Math.floor(Date.now() / 1000),
  ): Promise<KickAccountReply> {
    assertAdmin(caller);
    // A UserSig issued in this very second stays valid: the app may re-sign right after a kick.
    const revokedBefore = now;
    if (!(await this.accounts.revokeSigs(caller.sdkAppId, userId, revokedBefore))) {
      throw AccountError.notImported(userId);
    }
    await this.bus.emit(AccountEvt.Kicked, { userId, revokedBefore });
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
    const results = await this.presence.statuses(caller.sdkAppId, known, req.withDetail ?? false);
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
  if (caller.role === 'user') throw AccountError.adminRequired();
}
