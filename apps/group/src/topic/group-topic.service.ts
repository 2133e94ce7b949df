import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, GroupEvt, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  CreateTopicReply,
  CreateTopicRequest,
  EmptyReply,
  ModifyTopicRequest,
  TopicIdsRequest,
  TopicResultItem,
  TopicResultsReply,
} from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { GroupCallbacks } from '../group-callbacks.client';
import { MessageUnreadClient } from '../message-unread.client';
import { GroupError } from '../group.errors';
import { GroupLoader } from '../group-loader.service';
import type { GroupScope } from '../group-loader.service';
import { GroupRepository } from '../group.repository';
import { nowSeconds } from '../group.rules';
import type { TopicRow } from '../group.schema';
import { GroupTransactions } from '../group-transactions.db';
import { GroupTopicRepository } from './group-topic.repository';
import {
  assertMayManageTopics,
  assertMayReadTopics,
  assertRoomForTopic,
  assertTopicsSupported,
  belongsToGroup,
  customTopicIdProblem,
  generateTopicId,
  topicOwnerOf,
  topicPatch,
  toTopicView,
  withSelfInfo,
} from './group-topic.rules';
import { topicFact } from './topic-events.mapper';

/**
 * Topics of Community groups (million_group_open_http_svc create/get/modify/destroy_topic,
 * group_open_http_svc import_topic, and the client's `group.*-topic` commands): stored in
 * `group_topics`; every change is a `group.evt.topic-*` fact told to the members online.
 */
@Injectable()
export class GroupTopicService {
  constructor(
    private readonly loader: GroupLoader,
    private readonly groups: GroupRepository,
    private readonly topics: GroupTopicRepository,
    private readonly writes: GroupTransactions,
    private readonly callbacks: GroupCallbacks,
    private readonly lines: MessageUnreadClient,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** create_topic; import_topic with `imported` (App admin only, `CreateTime` kept). */
  async create(
    caller: CallerContext,
    req: CreateTopicRequest,
    imported = false,
  ): Promise<CreateTopicReply> {
    if (imported && !isPrivileged(caller))
      throw GroupError.forbidden('topics are imported by the App admin');
    if (!imported && req.createTime !== undefined)
      throw GroupError.invalid('CreateTime is for import_topic only');
    const scope = await this.managedScope(caller, req);
    const { sdkAppId } = caller;
    if (req.topicId !== undefined) {
      const problem = customTopicIdProblem(req.groupId, req.topicId);
      if (problem) throw GroupError.invalid(problem);
    }
    // Group.CallbackBeforeCreateTopic: the app may refuse a creation (not an import)
    if (!imported)
      await this.callbacks.beforeCreateTopic(sdkAppId, () => ({
        GroupId: req.groupId,
        Type: scope.row.type,
        Operator_Account: scope.actor.operatorId,
        Name: req.name,
      }));
    const topicId = req.topicId ?? generateTopicId(req.groupId);
    const createTime = imported && req.createTime !== undefined ? req.createTime : nowSeconds();
    // queued per group on this instance: concurrent topic writes would each hold a pooled
    // connection waiting on the group row lock
    await this.writes.commit(
      async (tx) => {
        const row = await this.groups.lockGroup(sdkAppId, req.groupId, tx);
        if (!row) throw GroupError.notFound(req.groupId);
        assertRoomForTopic(await this.topics.countTopics(sdkAppId, req.groupId, tx));
        const topic = await this.topics.insertTopic(
          {
            sdkAppId,
            groupId: req.groupId,
            topicId,
            name: req.name,
            introduction: req.introduction ?? '',
            notification: req.notification ?? '',
            faceUrl: req.faceUrl ?? '',
            customString: req.customString ?? '',
            ownerId: topicOwnerOf(scope.actor),
            createTime,
          },
          tx,
        );
        if (!topic)
          throw new GroupError(ErrorCode.GroupIdInUse, `the topic ID ${topicId} is taken`);
        await this.writes.stage(tx, GroupEvt.TopicCreated, {
          ...topicFact(row, scope.actor, topic, 'created'),
          imported,
        });
      },
      { sdkAppId, groupId: req.groupId },
    );
    this.logger.info({ groupId: req.groupId, imported }, 'topic created');
    return { topicId };
  }

  /** get_topic: the named topics (10010 for one that does not exist), or all of them. */
  async get(caller: CallerContext, req: TopicIdsRequest): Promise<TopicResultsReply> {
    const scope = await this.loader.scopeFor(caller, req);
    assertTopicsSupported(scope.row, scope.caps);
    assertMayReadTopics(scope.rank);
    const rows = await this.topics.findTopics(caller.sdkAppId, req.groupId, req.topicIds);
    const found = (row: TopicRow): TopicResultItem => ({
      topicId: row.topicId,
      errorCode: 0,
      topic: toTopicView(row),
    });
    const byId = new Map(rows.map((r) => [r.topicId, r]));
    const items: TopicResultItem[] = req.topicIds
      ? req.topicIds.map((topicId) => {
          const row = byId.get(topicId);
          return row ? found(row) : { topicId, errorCode: ErrorCode.GroupNotFound };
        })
      : rows.map(found);
    // a member named (From_Account) or asking: their SelfInfo and LastMsg in each topic
    if (scope.self && rows.length > 0) {
      const { states } = await this.lines.lineStates(
        caller.sdkAppId,
        scope.self.userId,
        rows.map((r) => r.topicId),
      );
      withSelfInfo(items, scope.self, states);
    }
    return { items };
  }

  /** modify_topic: the given fields; MuteAllMember mutes everyone but the managers in it. */
  async modify(caller: CallerContext, req: ModifyTopicRequest): Promise<EmptyReply> {
    const scope = await this.managedScope(caller, req);
    const { sdkAppId } = caller;
    if (!belongsToGroup(req.groupId, req.topicId)) throw topicNotFound(req.topicId);
    // queued per group on this instance: concurrent topic writes would each hold a pooled
    // connection waiting on the group row lock
    await this.writes.commit(
      async (tx) => {
        const row = await this.groups.lockGroup(sdkAppId, req.groupId, tx);
        if (!row) throw GroupError.notFound(req.groupId);
        const [current] = await this.topics.findTopics(sdkAppId, req.groupId, [req.topicId], tx);
        if (!current) throw topicNotFound(req.topicId);
        const { patch, changedFields } = topicPatch(req, current);
        if (changedFields.length === 0) return;
        const updated = await this.topics.updateTopic(sdkAppId, req.topicId, patch, tx);
        if (!updated) throw topicNotFound(req.topicId);
        await this.writes.stage(
          tx,
          GroupEvt.TopicInfoChanged,
          topicFact(row, scope.actor, updated, 'info-changed', changedFields),
        );
      },
      { sdkAppId, groupId: req.groupId },
    );
    return {};
  }

  /** destroy_topic: the named topics (10010 for one that does not exist), or all of them. */
  async destroy(caller: CallerContext, req: TopicIdsRequest): Promise<TopicResultsReply> {
    const scope = await this.managedScope(caller, req);
    const { sdkAppId } = caller;
    const deleted = await this.writes.commit(
      async (tx) => {
        const row = await this.groups.lockGroup(sdkAppId, req.groupId, tx);
        if (!row) throw GroupError.notFound(req.groupId);
        const ids =
          req.topicIds ??
          (await this.topics.findTopics(sdkAppId, req.groupId, undefined, tx)).map(
            (t) => t.topicId,
          );
        const rows = await this.topics.deleteTopics(sdkAppId, req.groupId, ids, tx);
        for (const topic of rows)
          await this.writes.stage(
            tx,
            GroupEvt.TopicDestroyed,
            topicFact(row, scope.actor, topic, 'destroyed'),
          );
        return { ids, rows };
      },
      { sdkAppId, groupId: req.groupId },
    );
    const gone = new Set(deleted.rows.map((r) => r.topicId));
    this.logger.info({ groupId: req.groupId, count: gone.size }, 'topics destroyed');
    return {
      items: deleted.ids.map((topicId) => ({
        topicId,
        errorCode: gone.has(topicId) ? 0 : ErrorCode.GroupNotFound,
      })),
    };
  }

  /** The group as a topic manager sees it: a topic Community, and the actor may manage. */
  private async managedScope(
    caller: CallerContext,
    req: { groupId: string; operatorId?: string },
  ): Promise<GroupScope> {
    const scope = await this.loader.scopeFor(caller, req);
    assertTopicsSupported(scope.row, scope.caps);
    assertMayManageTopics(scope.rank);
    return scope;
  }
}

function topicNotFound(topicId: string): GroupError {
  return new GroupError(ErrorCode.GroupNotFound, `topic ${topicId} does not exist`);
}
