import { Inject, Injectable } from '@nestjs/common';

import { AccountEvt, ErrorCode, isPrivileged, isValidUserId, NoSpeaking } from '@im/contracts';
import type {
  CallerContext,
  NoSpeakingItem,
  NoSpeakingReply,
  SetNoSpeakingRequest,
} from '@im/contracts';
import { currentRequestContext, EventOutbox, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { AccountDb } from './account.db';
import { AccountError } from './account.errors';
import { AccountRepository } from './account.repository';
import { ACCOUNT_DB } from './account.tokens';
import { NoSpeakingRepository } from './no-speaking.repository';
import type { MuteTimes } from './no-speaking.repository';
import { muteUntilOf, secondsLeft } from './no-speaking.rules';

const NOT_MUTED: MuteTimes = { c2cUntil: 0, groupUntil: 0 };

/**
 * Global mute (`openconfigsvr/setnospeaking`, `getnospeaking`): the account service keeps,
 * per account, until when its C2C and group messages are refused. The messaging service
 * enforces it from a cache it fills with `account.rpc.get-no-speaking` and updates from
 * `account.evt.no-speaking-changed`, which a set publishes before it answers.
 */
@Injectable()
export class NoSpeakingService {
  constructor(
    private readonly mutes: NoSpeakingRepository,
    private readonly accounts: AccountRepository,
    private readonly outbox: EventOutbox,
    private readonly bus: NatsBus,
    @Inject(ACCOUNT_DB) private readonly db: AccountDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async set(
    caller: CallerContext,
    req: SetNoSpeakingRequest,
    now = Math.floor(Date.now() / 1000),
  ): Promise<NoSpeakingReply> {
    assertPrivileged(caller);
    if (req.c2cSeconds === undefined && req.groupSeconds === undefined)
      throw configError(
        ErrorCode.ConfigAccountInvalid,
        'C2CmsgNospeakingTime or GroupmsgNospeakingTime is required',
      );
    if (!isValidUserId(req.userId))
      throw configError(ErrorCode.ConfigAccountInvalid, 'Set_Account is not a valid user ID');
    const times: Partial<MuteTimes> = {
      ...(req.c2cSeconds !== undefined && { c2cUntil: muteUntilOf(req.c2cSeconds, now) }),
      ...(req.groupSeconds !== undefined && { groupUntil: muteUntilOf(req.groupSeconds, now) }),
    };
    const { stored, event } = await this.outbox.commit(this.db, async (tx) => {
      const row = await this.mutes.set(caller.sdkAppId, req.userId, times, tx);
      if (!row)
        throw configError(
          ErrorCode.ConfigAccountInvalid,
          `Set_Account ${req.userId} is not an imported account`,
        );
      const staged = await this.outbox.stage(tx, AccountEvt.NoSpeakingChanged, {
        userId: req.userId,
        c2cMuteUntil: row.c2cUntil,
        groupMuteUntil: row.groupUntil,
      });
      return { stored: row, event: staged };
    });
    // The outbox relays the event soon; publishing it here too (JetStream keeps one copy by
    // eventId) means the messaging caches have it before the caller hears OK.
    await this.bus
      .publishEvent(
        AccountEvt.NoSpeakingChanged,
        event,
        currentRequestContext() ?? { requestId: event.requestId },
      )
      .catch(() => undefined);
    this.logger.info({ userId: req.userId, ...times }, 'global mute set');
    return { items: [itemOf(req.userId, true, stored, now)] };
  }

  /**
   * getnospeaking, and the messaging service's cache fills: each user's mute. An account
   * that does not exist reads as muted for ever (Tencent's documented answer).
   */
  async get(
    caller: CallerContext,
    userIds: readonly string[],
    now = Math.floor(Date.now() / 1000),
  ): Promise<NoSpeakingReply> {
    assertPrivileged(caller);
    const ids = [...new Set(userIds)].filter(isValidUserId);
    const [existing, mutes] = await Promise.all([
      this.accounts.findExistingUserIds(caller.sdkAppId, ids),
      this.mutes.find(caller.sdkAppId, ids),
    ]);
    const unknown = { c2cUntil: NoSpeaking.foreverUntil, groupUntil: NoSpeaking.foreverUntil };
    return {
      items: userIds.map((userId) =>
        existing.has(userId)
          ? itemOf(userId, true, mutes.get(userId) ?? NOT_MUTED, now)
          : itemOf(userId, false, unknown, now),
      ),
    };
  }
}

function itemOf(userId: string, exists: boolean, times: MuteTimes, now: number): NoSpeakingItem {
  return {
    userId,
    exists,
    c2cMuteUntil: times.c2cUntil,
    groupMuteUntil: times.groupUntil,
    c2cSeconds: secondsLeft(times.c2cUntil, now),
    groupSeconds: secondsLeft(times.groupUntil, now),
  };
}

/** openconfigsvr answers with its own codes (130xxx, docs/error-codes.md). */
function configError(code: number, message: string): AccountError {
  return new AccountError(code, message);
}

/** The App admin (REST) and platform services; not end users. */
function assertPrivileged(caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw new AccountError(ErrorCode.AppAdminRequired, 'global mute is for the App admin');
}
