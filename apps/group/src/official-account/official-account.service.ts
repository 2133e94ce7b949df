import { Inject, Injectable } from '@nestjs/common';

import { actsFor, ErrorCode, GroupEvt, isPrivileged, OfficialAccountLimits } from '@im/contracts';
import type {
  CallerContext,
  CreateOfficialAccountReply,
  CreateOfficialAccountRequest,
  EmptyReply,
  GetOfficialAccountsRequest,
  GetSubscribedAccountsRequest,
  GetSubscribersRequest,
  ModifyOfficialAccountRequest,
  ModifySubscriberRequest,
  SetSubscriberMsgFlagRequest,
  OfficialAccountMsgFlag,
  OfficialAccountSubscriberView,
  OfficialAccountsReply,
  OfficialAccountView,
  SubscribedAccountsReply,
  SubscriberResultsReply,
  SubscribersPageReply,
} from '@im/contracts';
import { AccountsClient, EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { GroupCallbacks } from '../group-callbacks.client';
import type { GroupDb } from '../group.db';
import { GroupError } from '../group.errors';
import { nowSeconds } from '../group.rules';
import type { OfficialAccountRow, OfficialAccountSubscriberRow } from '../group.schema';
import { GROUP_DB } from '../group.tokens';
import { OfficialAccountRepository } from './official-account.repository';
import type { SubscriberChanges } from './official-account.repository';
import {
  assertMaxSubscriberNum,
  assertOfficialAccountId,
  decodeSubscriberCursor,
  encodeSubscriberCursor,
  generateOfficialAccountId,
  planSubscriptions,
} from './official-account.rules';

/**
 * Official accounts (`official_account_open_http_svc`, docs/adr/0005-official-accounts.md): an
 * `@TOA#_` account owned by an imported user, and its subscribers. Every command is the App
 * admin's; every row is keyed by the caller's SDKAppID.
 */
@Injectable()
export class OfficialAccountService {
  constructor(
    private readonly repo: OfficialAccountRepository,
    private readonly accounts: AccountsClient,
    private readonly outbox: EventOutbox,
    private readonly callbacks: GroupCallbacks,
    @Inject(GROUP_DB) private readonly db: GroupDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async create(
    caller: CallerContext,
    req: CreateOfficialAccountRequest,
  ): Promise<CreateOfficialAccountReply> {
    assertAdmin(caller);
    const { sdkAppId } = caller;
    if (req.officialAccountId !== undefined) assertOfficialAccountId(req.officialAccountId);
    if (!(await this.accounts.exists(sdkAppId, req.ownerAccount)))
      throw GroupError.accountNotFound([req.ownerAccount]);
    const row = {
      sdkAppId,
      ownerAccount: req.ownerAccount,
      name: req.name,
      introduction: req.introduction ?? '',
      faceUrl: req.faceUrl ?? '',
      organization: req.organization ?? '',
      customString: req.customString ?? '',
      maxSubscriberNum: req.maxSubscriberNum ?? OfficialAccountLimits.defaultMaxSubscriberNum,
      createTime: nowSeconds(),
    };
    // the row and its fact (OfficialAccount.CallbackAfterCreateOfficialAccount) in one commit
    const insert = (officialAccountId: string) =>
      this.outbox.commit(this.db, async (tx) => {
        if (!(await this.repo.insert(sdkAppId, { ...row, officialAccountId }, tx))) return false;
        await this.outbox.stage(tx, GroupEvt.OfficialAccountCreated, {
          ...factBase(caller, officialAccountId),
          notification: 'none',
          ownerAccount: row.ownerAccount,
          name: row.name,
        });
        return true;
      });
    if (req.officialAccountId !== undefined) {
      if (!(await insert(req.officialAccountId)))
        throw new GroupError(
          ErrorCode.GroupIdInUse,
          `official account ${req.officialAccountId} already exists`,
        );
      this.logger.info({ officialAccountId: req.officialAccountId }, 'official account created');
      return { officialAccountId: req.officialAccountId };
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const officialAccountId = generateOfficialAccountId();
      if (await insert(officialAccountId)) {
        this.logger.info({ officialAccountId }, 'official account created');
        return { officialAccountId };
      }
    }
    throw new GroupError(ErrorCode.GroupInternalError, 'no free official account ID');
  }

  /** The App admin, and any user of the app (client `officialaccount.get-info`). */
  async get(
    caller: CallerContext,
    req: GetOfficialAccountsRequest,
  ): Promise<OfficialAccountsReply> {
    const rows = await this.repo.findMany(caller.sdkAppId, req.officialAccountIds);
    const byId = new Map(rows.map((r) => [r.officialAccountId, r]));
    return {
      items: req.officialAccountIds.map((officialAccountId) => {
        const row = byId.get(officialAccountId);
        return row
          ? { officialAccountId, errorCode: 0, account: viewOf(row) }
          : { officialAccountId, errorCode: ErrorCode.GroupNotFound };
      }),
    };
  }

  async modify(caller: CallerContext, req: ModifyOfficialAccountRequest): Promise<EmptyReply> {
    assertAdmin(caller);
    const { sdkAppId } = caller;
    await this.outbox.commit(this.db, async (tx) => {
      const row = await this.repo.lock(sdkAppId, req.officialAccountId, tx);
      if (!row) throw notFound(req.officialAccountId);
      assertMaxSubscriberNum(req.maxSubscriberNum, row.subscriberNum);
      const changedFields = Object.entries(FIELD_NAMES)
        .filter(([key]) => req[key as keyof typeof FIELD_NAMES] !== undefined)
        .map(([, name]) => name);
      if (changedFields.length > 0)
        await this.outbox.stage(tx, GroupEvt.OfficialAccountInfoChanged, {
          ...factBase(caller, row.officialAccountId),
          changedFields,
          // the values after the change (OfficialAccount.CallbackAfterOfficialAccountInfoChanged)
          name: req.name ?? row.name,
          introduction: req.introduction ?? row.introduction,
          faceUrl: req.faceUrl ?? row.faceUrl,
          organization: req.organization ?? row.organization,
        });
      await this.repo.update(
        sdkAppId,
        req.officialAccountId,
        definedOnly({
          name: req.name,
          introduction: req.introduction,
          faceUrl: req.faceUrl,
          organization: req.organization,
          customString: req.customString,
          maxSubscriberNum: req.maxSubscriberNum,
        }),
        tx,
      );
    });
    return {};
  }

  /** Deletes the account and its subscriptions; the subscribers are told (1000 per event). */
  async destroy(caller: CallerContext, officialAccountId: string): Promise<EmptyReply> {
    assertAdmin(caller);
    const { sdkAppId } = caller;
    await this.outbox.commit(this.db, async (tx) => {
      const row = await this.repo.lock(sdkAppId, officialAccountId, tx);
      if (!row) throw notFound(officialAccountId);
      const subscribers = await this.repo.findAllSubscriberIds(sdkAppId, officialAccountId, tx);
      await this.repo.delete(sdkAppId, officialAccountId, tx);
      // at least one fact; the first names the owner (OfficialAccount.CallbackAfterOfficialAccountDestroyed)
      for (let i = 0; i === 0 || i < subscribers.length; i += DESTROYED_CHUNK)
        await this.outbox.stage(tx, GroupEvt.OfficialAccountDestroyed, {
          ...factBase(caller, officialAccountId),
          userIds: subscribers.slice(i, i + DESTROYED_CHUNK),
          ...(i === 0 ? { ownerAccount: row.ownerAccount, name: row.name } : {}),
        });
    });
    this.logger.info({ officialAccountId }, 'official account destroyed');
    return {};
  }

  /** A user subscribes themselves (client `officialaccount.subscribe`); same rules as add_subscriber. */
  async subscribe(
    caller: CallerContext,
    officialAccountId: string,
    userId: string,
  ): Promise<SubscriberResultsReply> {
    if (!actsFor(caller, userId)) throw GroupError.forbidden('a user subscribes only themselves');
    return this.subscribeAll(caller, officialAccountId, [userId]);
  }

  /** A user unsubscribes themselves (client `officialaccount.unsubscribe`). */
  async unsubscribe(
    caller: CallerContext,
    officialAccountId: string,
    userId: string,
  ): Promise<SubscriberResultsReply> {
    if (!actsFor(caller, userId)) throw GroupError.forbidden('a user unsubscribes only themselves');
    return this.unsubscribeAll(caller, officialAccountId, [userId]);
  }

  async addSubscribers(
    caller: CallerContext,
    officialAccountId: string,
    userIds: readonly string[],
  ): Promise<SubscriberResultsReply> {
    assertAdmin(caller);
    return this.subscribeAll(caller, officialAccountId, userIds);
  }

  async deleteSubscribers(
    caller: CallerContext,
    officialAccountId: string,
    userIds: readonly string[],
  ): Promise<SubscriberResultsReply> {
    assertAdmin(caller);
    return this.unsubscribeAll(caller, officialAccountId, userIds);
  }

  private async subscribeAll(
    caller: CallerContext,
    officialAccountId: string,
    userIds: readonly string[],
  ): Promise<SubscriberResultsReply> {
    const { sdkAppId } = caller;
    const accounts = await this.accounts.existing(sdkAppId, userIds);
    // OfficialAccount.CallbackBeforeAddSubscriber, asked before the row lock: a refusal stops
    // the whole subscription, refused users get Result 0; it names those not subscribed yet
    const refused = await this.callbacks.beforeAddSubscriber(sdkAppId, async () => {
      const already = await this.repo.findSubscribed(sdkAppId, officialAccountId, userIds);
      return {
        Official_Account: officialAccountId,
        Operator_Account: caller.callerId,
        SubscribeAccountList: [...new Set(userIds)]
          .filter((u) => accounts.has(u) && !already.has(u))
          .map((u) => ({ Subscriber_Account: u })),
      };
    });
    const results = await this.outbox.commit(this.db, async (tx) => {
      const row = await this.repo.lock(sdkAppId, officialAccountId, tx);
      if (!row) throw notFound(officialAccountId);
      const plan = planSubscriptions({
        userIds,
        accounts: refused.size ? new Set([...accounts].filter((u) => !refused.has(u))) : accounts,
        subscribed: await this.repo.findSubscribed(sdkAppId, officialAccountId, userIds, tx),
        subscriberNum: row.subscriberNum,
        maxSubscriberNum: row.maxSubscriberNum,
      });
      const added = plan.filter((p) => p.result === 1).map((p) => p.userId);
      await this.repo.insertSubscribers(sdkAppId, officialAccountId, added, nowSeconds(), tx);
      if (added.length > 0)
        await this.outbox.stage(tx, GroupEvt.OfficialAccountSubscribed, {
          ...factBase(caller, officialAccountId),
          userIds: added,
          full: row.subscriberNum + added.length >= row.maxSubscriberNum,
        });
      return plan;
    });
    return { results };
  }

  private async unsubscribeAll(
    caller: CallerContext,
    officialAccountId: string,
    userIds: readonly string[],
  ): Promise<SubscriberResultsReply> {
    const { sdkAppId } = caller;
    const removed = await this.outbox.commit(this.db, async (tx) => {
      if (!(await this.repo.lock(sdkAppId, officialAccountId, tx)))
        throw notFound(officialAccountId);
      const gone = await this.repo.deleteSubscribers(sdkAppId, officialAccountId, userIds, tx);
      if (gone.size > 0)
        await this.outbox.stage(tx, GroupEvt.OfficialAccountUnsubscribed, {
          ...factBase(caller, officialAccountId),
          userIds: [...gone],
        });
      return gone;
    });
    return {
      results: userIds.map((userId) => ({ userId, result: removed.has(userId) ? 1 : 0 })),
    };
  }

  async modifySubscriber(caller: CallerContext, req: ModifySubscriberRequest): Promise<EmptyReply> {
    assertAdmin(caller);
    const { sdkAppId } = caller;
    if ((await this.repo.findMany(sdkAppId, [req.officialAccountId])).length === 0)
      throw notFound(req.officialAccountId);
    await this.updateSubscriber(sdkAppId, req.officialAccountId, req.userId, {
      customString: req.customString,
    });
    return {};
  }

  /**
   * A subscriber's own `MsgFlag` (client `officialaccount.set-msg-flag`): the account's later
   * messages reach them accordingly (Discard: not delivered; AcceptNotNotify: no offline push).
   */
  async setMsgFlag(caller: CallerContext, req: SetSubscriberMsgFlagRequest): Promise<EmptyReply> {
    if (!actsFor(caller, req.userId))
      throw GroupError.forbidden('a user sets only their own MsgFlag');
    const { sdkAppId } = caller;
    if ((await this.repo.findMany(sdkAppId, [req.officialAccountId])).length === 0)
      throw notFound(req.officialAccountId);
    await this.updateSubscriber(sdkAppId, req.officialAccountId, req.userId, {
      msgFlag: req.msgFlag,
    });
    return {};
  }

  /** Changes a subscriber's own fields; 10007 when the user does not subscribe. */
  private async updateSubscriber(
    sdkAppId: number,
    officialAccountId: string,
    userId: string,
    patch: SubscriberChanges,
  ): Promise<void> {
    if (!(await this.repo.updateSubscriber(sdkAppId, officialAccountId, userId, patch)))
      throw new GroupError(
        ErrorCode.GroupPermissionDenied,
        `${userId} does not subscribe to ${officialAccountId}`,
      );
  }

  async getSubscribers(
    caller: CallerContext,
    req: GetSubscribersRequest,
  ): Promise<SubscribersPageReply> {
    assertAdmin(caller);
    const { sdkAppId } = caller;
    const after = decodeSubscriberCursor(req.next);
    const [account] = await this.repo.findMany(sdkAppId, [req.officialAccountId]);
    if (!account) throw notFound(req.officialAccountId);
    const limit = req.limit ?? OfficialAccountLimits.subscriberPageMax;
    const rows = await this.repo.findSubscribersPage(sdkAppId, req.officialAccountId, after, limit);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      next: rows.length > limit && last ? encodeSubscriberCursor(last.userId) : '',
      subscriberNum: account.subscriberNum,
      subscribers: page.map(subscriberViewOf),
    };
  }

  /** The App admin for anyone; a user for themselves (client `officialaccount.get-subscribed`). */
  async getSubscribed(
    caller: CallerContext,
    req: GetSubscribedAccountsRequest,
  ): Promise<SubscribedAccountsReply> {
    if (!actsFor(caller, req.userId))
      throw GroupError.forbidden('a user lists only their own subscriptions');
    const { sdkAppId } = caller;
    const limit = req.limit ?? OfficialAccountLimits.subscribedPageMax;
    const [rows, totalCount] = await Promise.all([
      this.repo.findSubscriptionsPage(sdkAppId, req.userId, req.offset ?? 0, limit),
      this.repo.countSubscriptions(sdkAppId, req.userId),
    ]);
    return {
      totalCount,
      items: rows.map((r) => ({ account: viewOf(r.account), self: subscriberViewOf(r.self) })),
    };
  }
}

function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw GroupError.forbidden('official accounts are managed by the App admin');
}

const DESTROYED_CHUNK = 1000;

/** The request fields of modify_official_account_base_info and their REST names. */
const FIELD_NAMES = {
  name: 'Name',
  introduction: 'Introduction',
  faceUrl: 'FaceUrl',
  organization: 'Organization',
  customString: 'CustomString',
  maxSubscriberNum: 'MaxSubscriberNum',
} as const;

/**
 * The group-fact fields of an official account's events (its line is a Public group's for the
 * message service, which turns them into notifications of the conversation's users).
 */
function factBase(caller: CallerContext, officialAccountId: string) {
  return {
    sdkAppId: caller.sdkAppId,
    groupId: officialAccountId,
    groupType: 'Public',
    operatorId: caller.callerId,
    byAppAdmin: isPrivileged(caller),
    notification: 'shown' as const,
  };
}

function notFound(id: string): GroupError {
  return new GroupError(ErrorCode.GroupNotFound, `official account ${id} does not exist`);
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function viewOf(row: OfficialAccountRow): OfficialAccountView {
  return {
    officialAccountId: row.officialAccountId,
    ownerAccount: row.ownerAccount,
    name: row.name,
    introduction: row.introduction,
    faceUrl: row.faceUrl,
    organization: row.organization,
    customString: row.customString,
    maxSubscriberNum: row.maxSubscriberNum,
    subscriberNum: row.subscriberNum,
    createTime: row.createTime,
    lastMsgTime: row.lastMsgTime,
  };
}

function subscriberViewOf(row: OfficialAccountSubscriberRow): OfficialAccountSubscriberView {
  return {
    userId: row.userId,
    subscribeTime: row.subscribeTime,
    customString: row.customString,
    msgFlag: row.msgFlag as OfficialAccountMsgFlag,
    lastSendMsgTime: row.lastSendMsgTime,
  };
}
