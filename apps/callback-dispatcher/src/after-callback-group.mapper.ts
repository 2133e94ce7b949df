import { GroupEvt } from '@im/contracts';
import type { EventOf } from '@im/contracts';

import { members, pending, reported } from './after-callback-body.mapper';
import type { AfterCallback, EventOrigin, FamilyMappers } from './after-callback-body.mapper';

/** What every group event carries about its group and who acted on it. */
interface GroupEventHead {
  groupId: string;
  groupType: string;
  operatorId: string;
}

/** The leading `GroupId`, `Type`, `Operator_Account` most group callbacks share (§4.13). */
const groupHead = (event: GroupEventHead) => ({
  GroupId: event.groupId,
  Type: event.groupType,
  Operator_Account: event.operatorId,
});

function groupCreated(
  event: EventOf<typeof GroupEvt.Created>,
  origin: EventOrigin,
): AfterCallback[] {
  // import_group fires no callback (imports in general do not).
  if (event.imported) return [];
  const customData = pending(event).customData ?? [];
  return [
    reported('Group.CallbackAfterCreateGroup', event, origin, {
      GroupId: event.groupId,
      Operator_Account: event.operatorId,
      Owner_Account: event.ownerId ?? '',
      Type: event.groupType,
      Name: event.name,
      MemberList: members(event.memberIds),
      UserDefinedDataList: customData.map((d) => ({ Key: d.key, Value: d.value })),
    }),
  ];
}

function memberJoined(
  event: EventOf<typeof GroupEvt.MemberJoined>,
  origin: EventOrigin,
): AfterCallback[] {
  // Members at creation are in AfterCreateGroup's MemberList; imports fire nothing.
  if (event.joinKind === 'created' || event.joinKind === 'imported') return [];
  if (event.userIds.length === 0) return [];
  const callback = (operatorId: string, userIds: string[]) =>
    reported('Group.CallbackAfterNewMemberJoin', event, origin, {
      GroupId: event.groupId,
      Type: event.groupType,
      JoinType: event.joinKind === 'added' ? 'Invited' : 'Apply',
      Operator_Account: operatorId,
      NewMemberList: members(userIds),
    });
  // Viewers entering a live room are told in one fact per batch, each its own operator:
  // one callback per applicant, as each applied alone.
  if (event.joinKind === 'applied' && event.userIds.length > 1)
    return event.userIds.map((userId) => callback(userId, [userId]));
  return [callback(event.operatorId, event.userIds)];
}

function membersExited(
  event: EventOf<typeof GroupEvt.MemberLeft> | EventOf<typeof GroupEvt.MemberKicked>,
  exitType: 'Kicked' | 'Quit',
  origin: EventOrigin,
): AfterCallback[] {
  if (event.userIds.length === 0) return [];
  return [
    reported('Group.CallbackAfterMemberExit', event, origin, {
      GroupId: event.groupId,
      Type: event.groupType,
      ExitType: exitType,
      Operator_Account: event.operatorId,
      ExitMemberList: members(event.userIds),
    }),
  ];
}

function groupDestroyed(
  event: EventOf<typeof GroupEvt.Destroyed>,
  origin: EventOrigin,
): AfterCallback[] {
  return [
    reported('Group.CallbackAfterGroupDestroyed', event, origin, {
      GroupId: event.groupId,
      Type: event.groupType,
      Owner_Account: pending(event).ownerId ?? '',
      Name: event.name,
      MemberList: members(event.memberIds),
    }),
  ];
}

function groupInfoChanged(
  event: EventOf<typeof GroupEvt.InfoChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  const changed = new Set(event.changedFields);
  const fields = {
    ...(changed.has('Name') && { Name: event.name }),
    ...(changed.has('Introduction') && { Introduction: event.introduction }),
    ...(changed.has('Notification') && { Notification: event.notificationText }),
    ...(changed.has('FaceUrl') && { FaceUrl: event.faceUrl }),
  };
  // Only name, introduction, notification and face URL are reported (§3.4).
  if (Object.keys(fields).length === 0) return [];
  return [
    reported('Group.CallbackAfterGroupInfoChanged', event, origin, {
      ...groupHead(event),
      ...fields,
    }),
  ];
}

function ownerChanged(
  event: EventOf<typeof GroupEvt.OwnerChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  // An owner whose account was deleted leaves the group without a new owner: no transfer.
  if (!event.newOwnerId) return [];
  return [
    reported('Group.CallbackAfterChangeGroupOwner', event, origin, {
      ...groupHead(event),
      OldOwner_Account: event.previousOwnerId ?? '',
      NewOwner_Account: event.newOwnerId,
    }),
  ];
}

/** `Group.CallbackAfterMemberFieldChanged` for one member and the one field changed. */
function memberFieldChanged(
  event: GroupEventHead & { userId: string; occurredAt: string },
  field: { Role: string } | { NameCard: string },
  origin: EventOrigin,
): AfterCallback[] {
  return [
    reported('Group.CallbackAfterMemberFieldChanged', event, origin, {
      ...groupHead(event),
      Modified_Account: event.userId,
      ...field,
    }),
  ];
}

function memberInfoChanged(
  event: EventOf<typeof GroupEvt.MemberInfoChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  // Reported once the event carries the new NameCard (MsgFlag and custom data are not).
  const { nameCard } = pending(event);
  if (!event.changedFields.includes('NameCard') || nameCard === undefined) return [];
  return memberFieldChanged(event, { NameCard: nameCard }, origin);
}

/**
 * `Group.CallbackAfterGroupAttrChanged`: what the write did and the attributes it touched —
 * every attribute for `set`, none for `clear`, the upserted ones for `modify` and the removed
 * keys for `delete`.
 */
function groupAttrChanged(
  event: EventOf<typeof GroupEvt.AttrChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  const after = new Map(event.attrs.map((a) => [a.key, a.value]));
  const touched =
    event.op === 'set'
      ? event.attrs.map(({ key, value }) => ({ key, value }))
      : event.op === 'clear'
        ? []
        : event.changedKeys.map((key) =>
            event.op === 'delete' ? { key } : { key, value: after.get(key) ?? '' },
          );
  return [
    reported('Group.CallbackAfterGroupAttrChanged', event, origin, {
      ...groupHead(event),
      OptionType: event.op,
      GroupAttr: touched,
    }),
  ];
}

/**
 * The topic callbacks (Tencent's pages 1047/49464–49466): created (not imported), destroyed by
 * destroy_topic (not with its dismissed Community, whose `Group.CallbackAfterGroupDestroyed`
 * tells it), and changed in name, introduction, notification or face URL.
 */
function topicCreated(
  event: EventOf<typeof GroupEvt.TopicCreated>,
  origin: EventOrigin,
): AfterCallback[] {
  if (event.imported) return [];
  return [
    reported('Group.CallbackAfterCreateTopic', event, origin, {
      GroupId: event.groupId,
      TopicId: event.topicId,
      Operator_Account: event.operatorId,
      Owner_Account: event.groupOwnerId ?? '',
      Type: event.groupType,
      Name: event.topic.name,
      UserDefinedDataList: [],
    }),
  ];
}

function topicDestroyed(
  event: EventOf<typeof GroupEvt.TopicDestroyed>,
  origin: EventOrigin,
): AfterCallback[] {
  if (event.groupDismissed) return [];
  return [
    reported('Group.CallbackAfterTopicDestroyed', event, origin, {
      GroupId: event.groupId,
      Type: event.groupType,
      TopicIdList: [event.topicId],
    }),
  ];
}

function topicInfoChanged(
  event: EventOf<typeof GroupEvt.TopicInfoChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  const changed = new Set(event.changedFields);
  const { topic } = event;
  const fields = {
    ...(changed.has('TopicName') && { Name: topic.name }),
    ...(changed.has('Introduction') && { Introduction: topic.introduction }),
    ...(changed.has('Notification') && { Notification: topic.notification }),
    ...(changed.has('FaceUrl') && { FaceUrl: topic.faceUrl }),
  };
  if (Object.keys(fields).length === 0) return [];
  return [
    reported('Group.CallbackAfterTopicInfoChanged', event, origin, {
      GroupId: event.groupId,
      TopicId: event.topicId,
      Type: event.groupType,
      Operator_Account: event.operatorId,
      ...fields,
    }),
  ];
}

/** Groups created, joined, left, destroyed and changed (§4.10, §4.11, §4.13). */
/** An official account's subscribers came or went (Tencent's pages 1047/60800, 60802). */
function officialAccountSubscribers(
  command:
    'OfficialAccount.CallbackAfterAddSubscriber' | 'OfficialAccount.CallbackAfterDeleteSubscriber',
  event: EventOf<typeof GroupEvt.OfficialAccountSubscribed>,
  origin: EventOrigin,
): AfterCallback[] {
  if (event.userIds.length === 0) return [];
  return [
    reported(command, event, origin, {
      Official_Account: event.groupId,
      Operator_Account: event.operatorId,
      SubscribeAccountList: event.userIds.map((userId) => ({ Subscriber_Account: userId })),
    }),
  ];
}

export const GROUP_MAPPERS: FamilyMappers<'group'> = {
  [GroupEvt.Created]: groupCreated,
  [GroupEvt.MemberJoined]: memberJoined,
  // Viewers quitting a live room are told in one fact per batch, each its own operator: one
  // callback per viewer, as each quit alone.
  [GroupEvt.MemberLeft]: (e, o) =>
    e.leaveKind === 'quit'
      ? e.userIds.flatMap((userId) =>
          membersExited({ ...e, operatorId: userId, userIds: [userId] }, 'Quit', o),
        )
      : [],
  [GroupEvt.MemberKicked]: (e, o) => membersExited(e, 'Kicked', o),
  [GroupEvt.Destroyed]: groupDestroyed,
  [GroupEvt.InfoChanged]: groupInfoChanged,
  [GroupEvt.OwnerChanged]: ownerChanged,
  [GroupEvt.RoleChanged]: (e, o) => memberFieldChanged(e, { Role: e.role }, o),
  [GroupEvt.MemberInfoChanged]: memberInfoChanged,
  [GroupEvt.AttrChanged]: groupAttrChanged,
  [GroupEvt.TopicCreated]: topicCreated,
  [GroupEvt.TopicDestroyed]: topicDestroyed,
  [GroupEvt.TopicInfoChanged]: topicInfoChanged,
  [GroupEvt.OfficialAccountSubscribed]: (e, o) => [
    ...officialAccountSubscribers('OfficialAccount.CallbackAfterAddSubscriber', e, o),
    ...(e.full
      ? [
          reported('OfficialAccount.CallbackAfterOfficialAccountFull', e, o, {
            Official_Account: e.groupId,
          }),
        ]
      : []),
  ],
  [GroupEvt.OfficialAccountUnsubscribed]: (e, o) =>
    officialAccountSubscribers('OfficialAccount.CallbackAfterDeleteSubscriber', e, o),
  [GroupEvt.OfficialAccountCreated]: (e, o) => [
    reported('OfficialAccount.CallbackAfterCreateOfficialAccount', e, o, {
      Official_Account: e.groupId,
      Operator_Account: e.operatorId,
      Owner_Account: e.ownerAccount,
      Name: e.name,
    }),
  ],
  // facts staged before the values were carried have none to report
  [GroupEvt.OfficialAccountInfoChanged]: (e, o) =>
    e.name === undefined
      ? []
      : [
          reported('OfficialAccount.CallbackAfterOfficialAccountInfoChanged', e, o, {
            Official_Account: e.groupId,
            Operator_Account: e.operatorId,
            Name: e.name,
            Introduction: e.introduction ?? '',
            FaceUrl: e.faceUrl ?? '',
            Organization: e.organization ?? '',
          }),
        ],
  // only the first fact of a destruction carries the owner (one callback per account)
  [GroupEvt.OfficialAccountDestroyed]: (e, o) =>
    e.ownerAccount === undefined
      ? []
      : [
          reported('OfficialAccount.CallbackAfterOfficialAccountDestroyed', e, o, {
            Official_Account: e.groupId,
            Owner_Account: e.ownerAccount,
            Name: e.name ?? '',
          }),
        ],
};
