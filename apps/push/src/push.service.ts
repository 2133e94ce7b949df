import { Inject, Injectable } from '@nestjs/common';

import { AccountRpc, ErrorCode, isPrivileged, PushLimits } from '@im/contracts';
import type {
  AttrNamesReply,
  CallerContext,
  FindDevicesReply,
  FindDevicesRequest,
  GetPushReportsReply,
  GetPushReportsRequest,
  GetUserAttrsReply,
  GetUserTagsReply,
  PushAckReply,
  PushMessageReply,
  PushMessageRequest,
  PushUserIdsRequest,
  RegisterDeviceRequest,
  RemoveUserAttrsRequest,
  SetAttrNamesRequest,
  SetUserAttrsRequest,
  UnregisterDeviceRequest,
  UserTagsRequest,
} from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { PushError } from './push.errors';
import {
  checkAccountCount,
  checkAttrNames,
  checkAttrValue,
  checkContent,
  checkLifeTime,
  checkReportTaskIds,
  checkRequestTags,
  newTaskId,
  planSelection,
  slotOf,
} from './push.rules';
import { PushRateLimiter } from './push-rate.guard';
import { PushDeviceRepository } from './push-device.repository';
import { DeviceUsersIndex } from './device-users.cache';
import { PushTaskRepository } from './push-task.repository';
import { PushUserRepository } from './push-user.repository';
import { PushSettingsReader } from './push-settings.reader';
import { PushTaskRunner } from './push-task-runner.task';

/**
 * The `all_member_push` operations (PSH-3 … PSH-12) for the App admin, and device tokens for
 * clients. Every operation is scoped by the caller's app.
 */
@Injectable()
export class PushService {
  constructor(
    private readonly users: PushUserRepository,
    private readonly tasks: PushTaskRepository,
    private readonly devices: PushDeviceRepository,
    private readonly deviceUsers: DeviceUsersIndex,
    private readonly settings: PushSettingsReader,
    private readonly rateLimiter: PushRateLimiter,
    private readonly runner: PushTaskRunner,
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /**
   * `im_push`: checks the content and condition, answers the first task of a retried MsgRandom,
   * applies the app's rate limits, stores the task and lets the runner deliver it.
   */
  async push(caller: CallerContext, req: PushMessageRequest): Promise<PushMessageReply> {
    const settings = await this.enabledSettings(caller);
    checkContent(req.body, req.offlinePush);
    const lifeTimeSeconds = checkLifeTime(req.lifeTimeSeconds);
    const names = await this.users.findAttrNames(caller.sdkAppId);
    const plan = planSelection(req.condition, invert(names));
    const existing = await this.tasks.findTaskIdByRandom(
      caller.sdkAppId,
      req.msgRandom,
      PushLimits.dedupeSeconds,
    );
    if (existing) return { taskId: existing };
    if (req.from !== undefined) await this.assertAccountExists(caller.sdkAppId, req.from);
    await this.rateLimiter.acquire(caller.sdkAppId, settings);
    const { taskId, created } = await this.tasks.insertTask(
      caller.sdkAppId,
      {
        taskId: newTaskId(caller.sdkAppId, req.msgRandom),
        msgRandom: req.msgRandom,
        fromUserId: req.from ?? caller.callerId,
        body: req.body,
        offlinePush: req.offlinePush,
        plan,
        lifeTimeSeconds,
      },
      PushLimits.dedupeSeconds,
    );
    if (created) {
      this.logger.info(
        { taskId, lifeTimeSeconds, and: plan.and.length, or: plan.or.length },
        'push task created',
      );
      this.runner.kick();
    }
    return { taskId };
  }

  async getReports(
    caller: CallerContext,
    req: GetPushReportsRequest,
  ): Promise<GetPushReportsReply> {
    await this.enabledSettings(caller);
    const ids = checkReportTaskIds(req.taskIds);
    const reports = new Map(
      (await this.tasks.findReports(caller.sdkAppId, ids)).map((r) => [r.taskId, r]),
    );
    const unknown = ids.find((id) => !reports.has(id));
    if (unknown !== undefined)
      throw new PushError(ErrorCode.PushReportTaskIdInvalid, `task ${unknown} is unknown`);
    return { reports: ids.map((id) => reports.get(id)).filter((r) => r !== undefined) };
  }

  async setAttrNames(caller: CallerContext, req: SetAttrNamesRequest): Promise<PushAckReply> {
    await this.enabledSettings(caller);
    const given = checkAttrNames(req.attrNames);
    await this.users.transaction(async (tx) => {
      await this.users.lockAttrNames(caller.sdkAppId, tx);
      const merged = await this.users.findAttrNames(caller.sdkAppId, tx);
      for (const [slot, name] of given) merged.set(slot, name);
      if (new Set(merged.values()).size !== merged.size)
        throw PushError.attribute('an attribute name is used by another attribute');
      await this.users.replaceAttrNames(caller.sdkAppId, given, tx);
    });
    return {};
  }

  async getAttrNames(caller: CallerContext): Promise<AttrNamesReply> {
    await this.enabledSettings(caller);
    const names = await this.users.findAttrNames(caller.sdkAppId);
    return {
      attrNames: Object.fromEntries([...names].map(([slot, name]) => [String(slot), name])),
    };
  }

  async setUserAttrs(caller: CallerContext, req: SetUserAttrsRequest): Promise<PushAckReply> {
    await this.enabledSettings(caller);
    checkAccountCount(req.users.length);
    const slots = invert(await this.users.findAttrNames(caller.sdkAppId));
    const values = req.users.flatMap((u) =>
      Object.entries(u.attrs).map(([name, value]) => ({
        userId: u.userId,
        slot: slotOf(name, slots),
        value: checkAttrValue(name, value),
      })),
    );
    await this.users.upsertUserAttrs(caller.sdkAppId, values);
    return {};
  }

  async removeUserAttrs(caller: CallerContext, req: RemoveUserAttrsRequest): Promise<PushAckReply> {
    await this.enabledSettings(caller);
    checkAccountCount(req.users.length);
    const slots = invert(await this.users.findAttrNames(caller.sdkAppId));
    const values = req.users.flatMap((u) =>
      u.attrNames.map((name) => ({ userId: u.userId, slot: slotOf(name, slots) })),
    );
    await this.users.deleteUserAttrs(caller.sdkAppId, values);
    return {};
  }

  async getUserAttrs(caller: CallerContext, req: PushUserIdsRequest): Promise<GetUserAttrsReply> {
    await this.enabledSettings(caller);
    checkAccountCount(req.userIds.length);
    const ids = [...new Set(req.userIds)];
    const names = await this.users.findAttrNames(caller.sdkAppId);
    const byUser = new Map<string, Record<string, string>>(ids.map((id) => [id, {}]));
    for (const row of await this.users.findUserAttrs(caller.sdkAppId, ids)) {
      const name = names.get(row.slot);
      const attrs = byUser.get(row.userId);
      if (name !== undefined && attrs) attrs[name] = row.value;
    }
    return { users: ids.map((userId) => ({ userId, attrs: byUser.get(userId) ?? {} })) };
  }

  async addUserTags(caller: CallerContext, req: UserTagsRequest): Promise<PushAckReply> {
    await this.enabledSettings(caller);
    checkAccountCount(req.users.length);
    checkRequestTags(req.users.map((u) => u.tags));
    const pairs = req.users.flatMap((u) => u.tags.map((tag) => ({ userId: u.userId, tag })));
    await this.users.transaction(async (tx) => {
      await this.users.insertUserTags(caller.sdkAppId, pairs, tx);
      const over = await this.users.findUsersOverTagLimit(
        caller.sdkAppId,
        [...new Set(pairs.map((p) => p.userId))],
        PushLimits.maxTagsPerUser,
        tx,
      );
      if (over.length > 0)
        throw new PushError(
          ErrorCode.PushTooManyTags,
          `user ${over[0]} would have more than ${PushLimits.maxTagsPerUser} tags`,
        );
    });
    return {};
  }

  async removeUserTags(caller: CallerContext, req: UserTagsRequest): Promise<PushAckReply> {
    await this.enabledSettings(caller);
    checkAccountCount(req.users.length);
    checkRequestTags(req.users.map((u) => u.tags));
    const pairs = req.users.flatMap((u) => u.tags.map((tag) => ({ userId: u.userId, tag })));
    await this.users.deleteUserTags(caller.sdkAppId, pairs);
    return {};
  }

  async removeAllUserTags(caller: CallerContext, req: PushUserIdsRequest): Promise<PushAckReply> {
    await this.enabledSettings(caller);
    checkAccountCount(req.userIds.length);
    await this.users.deleteAllUserTags(caller.sdkAppId, req.userIds);
    return {};
  }

  async getUserTags(caller: CallerContext, req: PushUserIdsRequest): Promise<GetUserTagsReply> {
    await this.enabledSettings(caller);
    checkAccountCount(req.userIds.length);
    const ids = [...new Set(req.userIds)];
    const tags = await this.users.findUserTags(caller.sdkAppId, ids);
    return { users: ids.map((userId) => ({ userId, tags: tags.get(userId) ?? [] })) };
  }

  /** A client's device token for offline pushes (the caller is the user). */
  async registerDevice(caller: CallerContext, req: RegisterDeviceRequest): Promise<PushAckReply> {
    assertUser(caller);
    await this.deviceUsers.add(caller.sdkAppId, caller.callerId);
    await this.devices.upsertDevice(
      caller.sdkAppId,
      {
        userId: caller.callerId,
        provider: req.provider,
        token: req.token,
        platform: req.platform ?? null,
      },
      PushLimits.maxDevicesPerUser,
    );
    this.logger.info({ userId: caller.callerId, provider: req.provider }, 'device registered');
    return {};
  }

  async unregisterDevice(
    caller: CallerContext,
    req: UnregisterDeviceRequest,
  ): Promise<PushAckReply> {
    assertUser(caller);
    await this.devices.deleteDevice(caller.sdkAppId, caller.callerId, req.provider, req.token);
    return {};
  }

  /**
   * Which of the users have a device token, and the platform each registered with (no tokens
   * leave the service): the account service's PushOnline. Services and the App admin only.
   */
  async findDevices(caller: CallerContext, req: FindDevicesRequest): Promise<FindDevicesReply> {
    if (!isPrivileged(caller)) throw PushError.adminRequired();
    const devices = await this.devices.findDevices(caller.sdkAppId, [...new Set(req.userIds)]);
    return { devices: devices.map(({ userId, platform }) => ({ userId, platform })) };
  }

  /** The app's push settings, once the caller is its admin and the feature is on (PSH-1). */
  private async enabledSettings(caller: CallerContext) {
    if (!isPrivileged(caller)) throw PushError.adminRequired();
    const settings = await this.settings.of(caller.sdkAppId);
    if (!settings.enabled) throw PushError.notEnabled();
    return settings;
  }

  /** `From_Account` must be an account of the app (90008), asked of the account service. */
  private async assertAccountExists(sdkAppId: number, userId: string): Promise<void> {
    const reply = await this.bus.request(
      AccountRpc.Check,
      { userIds: [userId] },
      this.bus.asService(sdkAppId),
    );
    if (!reply.results.some((r) => r.userId === userId && r.isImported))
      throw new PushError(ErrorCode.FromAccountInvalid, `From_Account ${userId} does not exist`);
  }
}

function invert(names: Map<number, string>): Map<string, number> {
  return new Map([...names].map(([slot, name]) => [name, slot]));
}

/** Device tokens are registered by the user of a client session. */
function assertUser(caller: CallerContext): void {
  if (isPrivileged(caller))
    throw new PushError(ErrorCode.RequestDisabled, 'device tokens are registered by clients');
}
