import { GroupRpc } from '@im/contracts';
import type { TopicResultItem, TopicView } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import { MessageMapper } from '../message/message.mapper';
import {
  CreateTopicDto,
  DestroyTopicDto,
  GetTopicDto,
  ImportTopicDto,
  ModifyTopicDto,
} from './topic.dto';
import type { TopicFilterField, TopicInfoField } from './topic.dto';

const MILLION = 'million_group_open_http_svc';
const GROUP = 'group_open_http_svc';

/** A topic as get_topic's `TopicInfo`, the filtered fields only (TopicId always). */
export function topicInfo(
  t: TopicView,
  filter?: readonly TopicFilterField[],
): Record<string, unknown> {
  const all: Record<TopicInfoField, unknown> = {
    TopicName: t.name,
    Introduction: t.introduction,
    Notification: t.notification,
    FaceUrl: t.faceUrl,
    CustomString: t.customString,
    CreateTime: t.createTime,
    Owner_Account: t.ownerId,
    LastMsgTime: t.lastMsgTime,
    NextMsgSeq: t.nextMsgSeq,
    MuteAllMember: t.muteAllMember ? 'On' : 'Off',
  };
  const fields = filter
    ? filter.filter((f): f is TopicInfoField => f in all)
    : (Object.keys(all) as TopicInfoField[]);
  return { TopicId: t.topicId, ...Object.fromEntries(fields.map((f) => [f, all[f]])) };
}

/**
 * get_topic's `SelfInfo` and `LastMsg` of a found topic when a member was named (`From_Account`):
 * their join time and message flag in the Community, their read seq (`MsgSeq`, the name Tencent
 * gives a member's read seq) and unread count in the topic; the topic's last message as an item
 * of group_msg_get_simple's `RspMsgList`.
 */
export function topicSelfOut(
  i: TopicResultItem,
  filter?: readonly TopicFilterField[],
): Record<string, unknown> {
  if (!i.self) return {};
  const wants = (f: TopicFilterField) => !filter || filter.includes(f);
  return {
    ...(wants('SelfInfo') && {
      SelfInfo: {
        JoinTime: i.self.joinTime,
        MsgFlag: i.self.msgFlag,
        MsgSeq: i.self.readSeq,
        UnreadMsgNum: i.self.unread,
      },
    }),
    ...(wants('LastMsg') &&
      i.lastMessage && {
        LastMsg: MessageMapper.groupHistoryItem({
          seq: i.lastMessage.seq,
          placeholder: 0,
          message: i.lastMessage,
        }),
      }),
  };
}

const fields = (d: CreateTopicDto | ImportTopicDto) => ({
  groupId: d.GroupId,
  topicId: d.TopicId,
  operatorId: d.From_Account,
  name: d.TopicName,
  introduction: d.Introduction,
  notification: d.Notification,
  faceUrl: d.FaceUrl,
  customString: d.CustomString,
});

/** Community topics (docs/rest-api.md §7.x "Community topics"). */
export const topicCommands = [
  restCommand({
    service: MILLION,
    command: 'create_topic',
    dto: CreateTopicDto,
    subject: GroupRpc.CreateTopic,
    toRequest: (d) => fields(d),
    toResponse: (r) => ({ TopicId: r.topicId }),
  }),
  restCommand({
    service: GROUP,
    command: 'import_topic',
    dto: ImportTopicDto,
    subject: GroupRpc.ImportTopic,
    toRequest: (d) => ({ ...fields(d), createTime: d.CreateTime }),
    toResponse: (r) => ({ TopicId: r.topicId }),
  }),
  restCommand({
    service: MILLION,
    command: 'get_topic',
    dto: GetTopicDto,
    subject: GroupRpc.GetTopics,
    toRequest: (d) => ({ groupId: d.GroupId, operatorId: d.From_Account, topicIds: d.TopicIdList }),
    toResponse: (r, d) => ({
      TopicResponse: r.items.map((i) =>
        i.topic
          ? {
              TopicInfo: {
                ...topicInfo(i.topic, d.ResponseFilter),
                ...topicSelfOut(i, d.ResponseFilter),
              },
              ErrorCode: 0,
              ErrorInfo: '',
            }
          : {
              TopicInfo: { TopicId: i.topicId },
              ErrorCode: i.errorCode,
              ErrorInfo: 'topic does not exist',
            },
      ),
    }),
  }),
  restCommand({
    service: MILLION,
    command: 'modify_topic',
    dto: ModifyTopicDto,
    subject: GroupRpc.ModifyTopic,
    toRequest: (d) => ({
      groupId: d.GroupId,
      topicId: d.TopicId,
      operatorId: d.From_Account,
      name: d.TopicName,
      introduction: d.Introduction,
      notification: d.Notification,
      faceUrl: d.FaceUrl,
      customString: d.CustomString,
      muteAllMember: d.MuteAllMember === undefined ? undefined : d.MuteAllMember === 'On',
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: MILLION,
    command: 'destroy_topic',
    dto: DestroyTopicDto,
    subject: GroupRpc.DestroyTopics,
    toRequest: (d) => ({ groupId: d.GroupId, topicIds: d.TopicIdList }),
    toResponse: (r) => ({
      DestroyResultItem: r.items.map((i) => ({
        TopicId: i.topicId,
        ErrorCode: i.errorCode,
        ErrorInfo: i.errorCode === 0 ? '' : 'topic does not exist',
      })),
    }),
  }),
];
