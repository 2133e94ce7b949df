import { GroupRpc } from '@im/contracts';
import type { TopicView } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import {
  CreateTopicDto,
  DestroyTopicDto,
  GetTopicDto,
  ImportTopicDto,
  ModifyTopicDto,
} from './topic.dto';
import type { TopicInfoField } from './topic.dto';

const MILLION = 'million_group_open_http_svc';
const GROUP = 'group_open_http_svc';

/** A topic as get_topic's `TopicInfo`, the filtered fields only (TopicId always). */
export function topicInfo(
  t: TopicView,
  filter?: readonly TopicInfoField[],
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
  const fields = filter ?? (Object.keys(all) as TopicInfoField[]);
  return { TopicId: t.topicId, ...Object.fromEntries(fields.map((f) => [f, all[f]])) };
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
          ? { TopicInfo: topicInfo(i.topic, d.ResponseFilter), ErrorCode: 0, ErrorInfo: '' }
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
