// Community topics as pure rules: IDs, which groups hold topics, who may do what, the view.
// Unit-tested in group-topic.rules.spec.ts.
import { randomInt } from 'node:crypto';

import { ErrorCode, TopicLimits, utf8Length } from '@im/contracts';
import type {
  GroupTypeCapabilities,
  LineState,
  ModifyTopicRequest,
  TopicResultItem,
  TopicView,
} from '@im/contracts';

import type { Actor } from '../group-actor.model';
import { GroupError } from '../group.errors';
import type { GroupRow, MemberRow, TopicRow } from '../group.schema';
import type { ActorRank } from '../group-permissions.rules';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const GENERATED_SUFFIX_LENGTH = 10;

/** A platform-assigned topic ID: `<GroupId>@TOPIC#_@TOPIC#` and 10 upper-case letters or digits. */
export function generateTopicId(
  groupId: string,
  random: (max: number) => number = randomInt,
): string {
  let id = `${groupId}${TopicLimits.idInfix}${TopicLimits.generatedSuffixPrefix}`;
  for (let i = 0; i < GENERATED_SUFFIX_LENGTH; i++) id += ID_ALPHABET[random(ID_ALPHABET.length)];
  return id;
}

/**
 * Why a custom topic ID is refused (10004), or null: it is `<GroupId>@TOPIC#_` and a printable
 * ASCII suffix of at most 48 bytes that does not start with `@TOPIC#` (kept for generated IDs).
 */
export function customTopicIdProblem(groupId: string, topicId: string): string | null {
  const prefix = `${groupId}${TopicLimits.idInfix}`;
  if (!topicId.startsWith(prefix)) return `a topic ID of ${groupId} starts with ${prefix}`;
  const suffix = topicId.slice(prefix.length);
  if (suffix.length === 0) return 'the custom part of the topic ID is empty';
  if (!/^[\x20-\x7e]+$/.test(suffix)) return 'a topic ID is printable ASCII (0x20-0x7e) only';
  if (utf8Length(suffix) > TopicLimits.customSuffixMaxBytes)
    return `the custom part of a topic ID has at most ${TopicLimits.customSuffixMaxBytes} bytes`;
  if (suffix.startsWith(TopicLimits.generatedSuffixPrefix))
    return `a custom topic ID may not start with ${TopicLimits.generatedSuffixPrefix} after ${TopicLimits.idInfix}`;
  return null;
}

/** Whether `topicId` names a topic of `groupId` at all (any ID of another group is not). */
export function belongsToGroup(groupId: string, topicId: string): boolean {
  return topicId.startsWith(`${groupId}${TopicLimits.idInfix}`);
}

/** Topics only in a Community created with SupportTopic 1 (10007 otherwise, as Tencent). */
export function assertTopicsSupported(
  row: Pick<GroupRow, 'groupId' | 'type' | 'supportTopic'>,
  caps: Pick<GroupTypeCapabilities, 'baseType'>,
): void {
  if (caps.baseType !== 'Community')
    throw new GroupError(
      ErrorCode.GroupPermissionDenied,
      `${row.type} groups have no topics: only a Community created with SupportTopic 1`,
    );
  if (!row.supportTopic)
    throw new GroupError(
      ErrorCode.GroupPermissionDenied,
      `the Community ${row.groupId} was created without SupportTopic`,
    );
}

/** At most 100 topics in a Community (10004 past it). */
export function assertRoomForTopic(count: number): void {
  if (count >= TopicLimits.maxTopicsPerGroup)
    throw GroupError.invalid(`a Community has at most ${TopicLimits.maxTopicsPerGroup} topics`);
}

/**
 * Who manages topics: the App admin, the Community's owner and its admins; members read them.
 * (Tencent's default permission set for a Community without permission groups.)
 */
export function assertMayManageTopics(rank: ActorRank): void {
  if (rank !== 'AppAdmin' && rank !== 'Owner' && rank !== 'Admin')
    throw GroupError.forbidden('only the owner, admins and the App admin manage topics');
}

/** Members (and the App admin) read topics; others are refused 10007. */
export function assertMayReadTopics(rank: ActorRank): void {
  if (rank === 'NonMember') throw GroupError.forbidden('only members read the topics of a group');
}

/** The topic's columns a modify changes, with the names Tencent gives them. */
export function topicPatch(
  req: ModifyTopicRequest,
  current: TopicRow,
): {
  patch: Partial<
    Pick<
      TopicRow,
      'name' | 'introduction' | 'notification' | 'faceUrl' | 'customString' | 'muteAll'
    >
  >;
  changedFields: string[];
} {
  const patch: ReturnType<typeof topicPatch>['patch'] = {};
  const changedFields: string[] = [];
  const take = <K extends keyof typeof patch>(
    key: K,
    field: string,
    value: TopicRow[K] | undefined,
  ) => {
    if (value === undefined || value === current[key]) return;
    patch[key] = value;
    changedFields.push(field);
  };
  take('name', 'TopicName', req.name);
  take('introduction', 'Introduction', req.introduction);
  take('notification', 'Notification', req.notification);
  take('faceUrl', 'FaceUrl', req.faceUrl);
  take('customString', 'CustomString', req.customString);
  take('muteAll', 'MuteAllMember', req.muteAllMember);
  return { patch, changedFields };
}

export function toTopicView(row: TopicRow): TopicView {
  return {
    topicId: row.topicId,
    groupId: row.groupId,
    name: row.name,
    introduction: row.introduction,
    notification: row.notification,
    faceUrl: row.faceUrl,
    customString: row.customString,
    ownerId: row.ownerId,
    createTime: row.createTime,
    lastMsgTime: row.lastMsgTime,
    nextMsgSeq: row.nextMsgSeq,
    muteAllMember: row.muteAll,
  };
}

/** Who is named as the topic's creator: the acting user, "" for the App admin. */
export function topicOwnerOf(actor: Actor): string {
  return actor.userId ?? '';
}

/**
 * get_topic's `SelfInfo` and `LastMsg` for a member: the join time and message flag of their
 * Community membership, and per topic their read seq, unread count and the last message they
 * may see (the message service's line states, by topic ID). Items of unknown topics stay bare.
 */
export function withSelfInfo(
  items: TopicResultItem[],
  self: Pick<MemberRow, 'joinTime' | 'msgFlag'>,
  states: readonly LineState[],
): void {
  const byTopic = new Map(states.map((s) => [s.groupId, s]));
  for (const item of items) {
    if (!item.topic) continue;
    const state = byTopic.get(item.topicId);
    item.self = {
      joinTime: self.joinTime,
      msgFlag: self.msgFlag,
      readSeq: state?.readSeq ?? 0,
      unread: state?.unread ?? 0,
    };
    if (state?.lastMessage) item.lastMessage = state.lastMessage;
  }
}
