import {
  ConnEvt,
  ConversationIds,
  GroupEvt,
  MessageEvt,
  ProfileEvt,
  RelationEvt,
} from '@im/contracts';
import type {
  AfterCallbackBody,
  AfterCallbackCommand,
  CallbackMemberAccount,
  CallerRole,
  ChatMessage,
  EventOf,
  OptPlatform,
  Platform,
  ProfileChangedEvent,
  ProfileItem,
  SessionCloseReason,
  StateChangeBody,
} from '@im/contracts';

/** Who caused an event, from the request context it was published with. */
export interface EventOrigin {
  role?: CallerRole;
  callerId?: string;
}

/** One after-callback an event produces. */
export interface AfterCallback {
  command: AfterCallbackCommand;
  body: AfterCallbackBody;
  platform: OptPlatform;
  clientIp: string;
}

/**
 * Every platform event that is reported, with the commands it may produce (callbacks.md §3).
 * The consumer skips an event without work when the app enabled none of them.
 */
export const AFTER_CALLBACKS_BY_SUBJECT = {
  [ConnEvt.SessionOpened]: ['State.StateChange'],
  [ConnEvt.SessionClosed]: ['State.StateChange'],
  [ProfileEvt.Changed]: ['Profile.CallbackPortraitSet'],
  [RelationEvt.FriendsAdded]: ['Sns.CallbackFriendAdd'],
  [RelationEvt.FriendsDeleted]: ['Sns.CallbackFriendDelete'],
  [RelationEvt.BlacklistChanged]: ['Sns.CallbackBlackListAdd', 'Sns.CallbackBlackListDelete'],
  [GroupEvt.Created]: ['Group.CallbackAfterCreateGroup'],
  [GroupEvt.MemberJoined]: ['Group.CallbackAfterNewMemberJoin'],
  [GroupEvt.MemberLeft]: ['Group.CallbackAfterMemberExit'],
  [GroupEvt.MemberKicked]: ['Group.CallbackAfterMemberExit'],
  [GroupEvt.Destroyed]: ['Group.CallbackAfterGroupDestroyed'],
  [GroupEvt.InfoChanged]: ['Group.CallbackAfterGroupInfoChanged'],
  [GroupEvt.OwnerChanged]: ['Group.CallbackAfterChangeGroupOwner'],
  [GroupEvt.RoleChanged]: ['Group.CallbackAfterMemberFieldChanged'],
  [GroupEvt.MemberInfoChanged]: ['Group.CallbackAfterMemberFieldChanged'],
  [MessageEvt.Sent]: ['C2C.CallbackAfterSendMsg', 'Group.CallbackAfterSendMsg'],
  [MessageEvt.Recalled]: ['C2C.CallbackAfterMsgWithDraw', 'Group.CallbackAfterRecallMsg'],
  [MessageEvt.Read]: ['C2C.CallbackAfterMsgReport'],
} as const satisfies Record<string, readonly AfterCallbackCommand[]>;

export type ReportedSubject = keyof typeof AFTER_CALLBACKS_BY_SUBJECT;
/** Subjects mapped from the event alone (the profile change needs the new values first). */
export type DirectlyMappedSubject = Exclude<ReportedSubject, typeof ProfileEvt.Changed>;

export function isReportedSubject(subject: string): subject is ReportedSubject {
  return Object.prototype.hasOwnProperty.call(AFTER_CALLBACKS_BY_SUBJECT, subject);
}

/** The milliseconds of an event's `occurredAt` (callback `EventTime`). */
export function eventTimeMs(occurredAt: string): number {
  const ms = Date.parse(occurredAt);
  return Number.isFinite(ms) ? ms : Date.now();
}

/** `OptPlatform` of an event: `RESTAPI` when the App admin caused it through REST. */
export function platformOf(origin: EventOrigin): OptPlatform {
  return origin.role === 'admin' ? 'RESTAPI' : 'Unknown';
}

/** `OptPlatform` of a client platform (rest-api.md §2.7 names); `IOS` only for StateChange. */
export function optPlatformOf(platform: Platform, forStateChange = false): OptPlatform {
  switch (platform) {
    case 'iPhone':
      return forStateChange ? 'IOS' : 'iOS';
    case 'Android':
      return 'Android';
    case 'Web':
      return 'Web';
    case 'PC':
      return 'Windows';
    case 'iPad':
      return 'iPad';
    case 'Mac':
      return 'Mac';
  }
}

const members = (userIds: readonly string[]): CallbackMemberAccount[] =>
  userIds.map((userId) => ({ Member_Account: userId }));

/** The App admin's identifier when the admin caused the event, else ''. */
const adminOf = (origin: EventOrigin): string =>
  origin.role === 'admin' ? (origin.callerId ?? '') : '';

/**
 * Fields the owners are asked to add to their events (see the README): read when present so
 * the callbacks fill in by themselves once they are published.
 */
interface PendingEventFields {
  /** relation.evt.friend-added: who asked for the friendship, and ForceAddFlags. */
  initiatorId?: string;
  force?: boolean;
  /** group.evt.created: the custom data given at creation. */
  customData?: { key: string; value: string }[];
  /** group.evt.destroyed: the owner at dismissal. */
  ownerId?: string | null;
  /** group.evt.member-info-changed: the new NameCard. */
  nameCard?: string;
  /** message events: the group's type, online-only, the peer's unread count. */
  groupType?: string;
  onlineOnly?: boolean;
  unreadCount?: number;
  /** message.evt.recalled (C2C): the recalled message. */
  msgKey?: string;
  from?: string;
  to?: string;
}

function pending(...sources: object[]): PendingEventFields {
  return Object.assign({}, ...sources) as PendingEventFields;
}

function callback(
  command: AfterCallbackCommand,
  body: AfterCallbackBody,
  origin: EventOrigin,
  platform: OptPlatform = platformOf(origin),
): AfterCallback {
  return { command, body, platform, clientIp: '' };
}

// -------------------------------------------------------------------------------------------
// State.StateChange (§4.1)

/** Why a session ended → Action and Reason (a kick by login elsewhere, or by `kick`, logs out). */
const CLOSE_ACTIONS: Record<
  SessionCloseReason,
  Pick<StateChangeBody['Info'], 'Action' | 'Reason'>
> = {
  logout: { Action: 'Logout', Reason: 'Unregister' },
  kicked: { Action: 'Logout', Reason: 'Unregister' },
  'link-closed': { Action: 'Disconnect', Reason: 'LinkClose' },
  shutdown: { Action: 'Disconnect', Reason: 'LinkClose' },
  timeout: { Action: 'Disconnect', Reason: 'TimeOut' },
};

function sessionOpened(event: EventOf<typeof ConnEvt.SessionOpened>): AfterCallback[] {
  const body: StateChangeBody = {
    CallbackCommand: 'State.StateChange',
    EventTime: eventTimeMs(event.occurredAt),
    Info: { Action: 'Login', To_Account: event.userId, Reason: 'Register' },
    ...(event.kickedPlatforms.length > 0 && {
      KickedDevice: event.kickedPlatforms.map((p) => ({ Platform: optPlatformOf(p) })),
    }),
  };
  return [callback('State.StateChange', body, {}, optPlatformOf(event.platform, true))];
}

function sessionClosed(event: EventOf<typeof ConnEvt.SessionClosed>): AfterCallback[] {
  const body: StateChangeBody = {
    CallbackCommand: 'State.StateChange',
    EventTime: eventTimeMs(event.occurredAt),
    Info: { ...CLOSE_ACTIONS[event.reason], To_Account: event.userId },
  };
  return [callback('State.StateChange', body, {}, optPlatformOf(event.platform, true))];
}

// -------------------------------------------------------------------------------------------
// Profile.CallbackPortraitSet (§4.2)

/** The portrait-set callback of a profile change, with the values read after it. */
export function portraitSetCallback(
  event: ProfileChangedEvent,
  items: readonly ProfileItem[],
  origin: EventOrigin,
): AfterCallback {
  return callback(
    'Profile.CallbackPortraitSet',
    {
      CallbackCommand: 'Profile.CallbackPortraitSet',
      Operator_Account: event.operatorId ?? origin.callerId ?? event.userId,
      From_Account: event.userId,
      ProfileItem: items.map((i) => ({ Tag: i.tag, Value: i.value })),
      EventTime: eventTimeMs(event.occurredAt),
    },
    origin,
  );
}

// -------------------------------------------------------------------------------------------
// Relation chain (§4.5, §4.6)

function friendsAdded(
  event: EventOf<typeof RelationEvt.FriendsAdded>,
  origin: EventOrigin,
): AfterCallback[] {
  // friend_import fires no callback (callbacks.md §1.3: imports in general do not).
  if (event.via === 'import') return [];
  const hints = pending(event);
  const user = origin.role === 'user' ? origin.callerId : undefined;
  const initiator = (friendId: string): string => {
    if (hints.initiatorId) return hints.initiatorId;
    // Accepting: the one who asked first, i.e. not the accepting caller.
    if (event.via === 'accept') return user === event.userId ? friendId : event.userId;
    return user ?? event.userId;
  };
  return [
    callback(
      'Sns.CallbackFriendAdd',
      {
        CallbackCommand: 'Sns.CallbackFriendAdd',
        ClientCmd: event.via === 'accept' ? 'friend_response' : 'friend_add',
        Admin_Account: adminOf(origin),
        ForceFlag: hints.force ? 1 : 0,
        PairList: event.friendIds.map((friendId) => ({
          From_Account: event.userId,
          To_Account: friendId,
          Initiator_Account: initiator(friendId),
        })),
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function friendsDeleted(
  event: EventOf<typeof RelationEvt.FriendsDeleted>,
  origin: EventOrigin,
): AfterCallback[] {
  // Deleting the account removes its friendships without a friend_delete.
  if (event.via === 'account-deleted') return [];
  return [
    callback(
      'Sns.CallbackFriendDelete',
      {
        CallbackCommand: 'Sns.CallbackFriendDelete',
        PairList: event.friendIds.map((f) => ({ From_Account: event.userId, To_Account: f })),
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function blacklistChanged(
  event: EventOf<typeof RelationEvt.BlacklistChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  const EventTime = eventTimeMs(event.occurredAt);
  const pairs = (ids: string[]) =>
    ids.map((to) => ({ From_Account: event.userId, To_Account: to }));
  const out: AfterCallback[] = [];
  if (event.addedUserIds.length)
    out.push(
      callback(
        'Sns.CallbackBlackListAdd',
        {
          CallbackCommand: 'Sns.CallbackBlackListAdd',
          PairList: pairs(event.addedUserIds),
          EventTime,
        },
        origin,
      ),
    );
  if (event.removedUserIds.length)
    out.push(
      callback(
        'Sns.CallbackBlackListDelete',
        {
          CallbackCommand: 'Sns.CallbackBlackListDelete',
          PairList: pairs(event.removedUserIds),
          EventTime,
        },
        origin,
      ),
    );
  return out;
}

// -------------------------------------------------------------------------------------------
// Groups (§4.10, §4.11, §4.13)

function groupCreated(
  event: EventOf<typeof GroupEvt.Created>,
  origin: EventOrigin,
): AfterCallback[] {
  // import_group fires no callback (imports in general do not).
  if (event.imported) return [];
  return [
    callback(
      'Group.CallbackAfterCreateGroup',
      {
        CallbackCommand: 'Group.CallbackAfterCreateGroup',
        GroupId: event.groupId,
        Operator_Account: event.operatorId,
        Owner_Account: event.ownerId ?? '',
        Type: event.groupType,
        Name: event.name,
        MemberList: members(event.memberIds),
        UserDefinedDataList: (pending(event).customData ?? []).map((d) => ({
          Key: d.key,
          Value: d.value,
        })),
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function memberJoined(
  event: EventOf<typeof GroupEvt.MemberJoined>,
  origin: EventOrigin,
): AfterCallback[] {
  // Members at creation are in AfterCreateGroup's MemberList; imports fire nothing.
  if (event.joinKind === 'created' || event.joinKind === 'imported') return [];
  if (event.userIds.length === 0) return [];
  return [
    callback(
      'Group.CallbackAfterNewMemberJoin',
      {
        CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
        GroupId: event.groupId,
        Type: event.groupType,
        JoinType: event.joinKind === 'added' ? 'Invited' : 'Apply',
        Operator_Account: event.operatorId,
        NewMemberList: members(event.userIds),
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function membersExited(
  event: EventOf<typeof GroupEvt.MemberLeft> | EventOf<typeof GroupEvt.MemberKicked>,
  exitType: 'Kicked' | 'Quit',
  origin: EventOrigin,
): AfterCallback[] {
  if (event.userIds.length === 0) return [];
  return [
    callback(
      'Group.CallbackAfterMemberExit',
      {
        CallbackCommand: 'Group.CallbackAfterMemberExit',
        GroupId: event.groupId,
        Type: event.groupType,
        ExitType: exitType,
        Operator_Account: event.operatorId,
        ExitMemberList: members(event.userIds),
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function groupDestroyed(
  event: EventOf<typeof GroupEvt.Destroyed>,
  origin: EventOrigin,
): AfterCallback[] {
  return [
    callback(
      'Group.CallbackAfterGroupDestroyed',
      {
        CallbackCommand: 'Group.CallbackAfterGroupDestroyed',
        GroupId: event.groupId,
        Type: event.groupType,
        Owner_Account: pending(event).ownerId ?? '',
        Name: event.name,
        MemberList: members(event.memberIds),
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
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
    callback(
      'Group.CallbackAfterGroupInfoChanged',
      {
        CallbackCommand: 'Group.CallbackAfterGroupInfoChanged',
        GroupId: event.groupId,
        Type: event.groupType,
        Operator_Account: event.operatorId,
        ...fields,
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function ownerChanged(
  event: EventOf<typeof GroupEvt.OwnerChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  // An owner whose account was deleted leaves the group without a new owner: no transfer.
  if (!event.newOwnerId) return [];
  return [
    callback(
      'Group.CallbackAfterChangeGroupOwner',
      {
        CallbackCommand: 'Group.CallbackAfterChangeGroupOwner',
        GroupId: event.groupId,
        Type: event.groupType,
        Operator_Account: event.operatorId,
        OldOwner_Account: event.previousOwnerId ?? '',
        NewOwner_Account: event.newOwnerId,
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function roleChanged(
  event: EventOf<typeof GroupEvt.RoleChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  return [
    callback(
      'Group.CallbackAfterMemberFieldChanged',
      {
        CallbackCommand: 'Group.CallbackAfterMemberFieldChanged',
        GroupId: event.groupId,
        Type: event.groupType,
        Operator_Account: event.operatorId,
        Modified_Account: event.userId,
        Role: event.role,
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

function memberInfoChanged(
  event: EventOf<typeof GroupEvt.MemberInfoChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  // Reported once the event carries the new NameCard (MsgFlag and custom data are not).
  const { nameCard } = pending(event);
  if (!event.changedFields.includes('NameCard') || nameCard === undefined) return [];
  return [
    callback(
      'Group.CallbackAfterMemberFieldChanged',
      {
        CallbackCommand: 'Group.CallbackAfterMemberFieldChanged',
        GroupId: event.groupId,
        Type: event.groupType,
        Operator_Account: event.operatorId,
        Modified_Account: event.userId,
        NameCard: nameCard,
        EventTime: eventTimeMs(event.occurredAt),
      },
      origin,
    ),
  ];
}

// -------------------------------------------------------------------------------------------
// Messages (§4.7, §4.8, §4.9, §4.12, §4.13)

function messageSent(event: EventOf<typeof MessageEvt.Sent>, origin: EventOrigin): AfterCallback[] {
  // ForbidAfterSendMsgCallback, batchsendmsg and imports (callbacks.md §1.3, §5.4).
  if (event.skipAfterCallback) return [];
  const m: ChatMessage = event.message;
  const hints = pending(m, event);
  const EventTime = eventTimeMs(event.occurredAt);
  // An online-only message has no seq (0).
  const OnlineOnlyFlag = hints.onlineOnly || m.seq === 0 ? 1 : 0;
  if (m.type === 'C2C') {
    return [
      callback(
        'C2C.CallbackAfterSendMsg',
        {
          CallbackCommand: 'C2C.CallbackAfterSendMsg',
          From_Account: m.from,
          To_Account: m.to,
          MsgSeq: m.seq,
          MsgRandom: m.random,
          MsgTime: m.time,
          MsgKey: m.msgKey,
          OnlineOnlyFlag,
          MsgBody: m.body,
          CloudCustomData: m.cloudCustomData ?? '',
          SendMsgResult: 0,
          ErrorInfo: 'send msg succeed',
          UnreadMsgNum: hints.unreadCount ?? 0,
          EventTime,
        },
        origin,
      ),
    ];
  }
  return [
    callback(
      'Group.CallbackAfterSendMsg',
      {
        CallbackCommand: 'Group.CallbackAfterSendMsg',
        GroupId: m.to,
        Type: hints.groupType ?? '',
        From_Account: m.from,
        Operator_Account: origin.role === 'admin' ? (origin.callerId ?? m.from) : m.from,
        Random: m.random,
        MsgSeq: m.seq,
        MsgTime: m.time,
        OnlineOnlyFlag,
        MsgBody: m.body,
        CloudCustomData: m.cloudCustomData ?? '',
        ...(m.atInfo?.length && {
          GroupAtInfo: m.atInfo.map((a) => ({
            GroupAtAllFlag: a.atAll ? 1 : 0,
            GroupAt_Account: a.userId ?? '',
          })),
        }),
        EventTime,
      },
      origin,
    ),
  ];
}

function messageRecalled(
  event: EventOf<typeof MessageEvt.Recalled>,
  origin: EventOrigin,
): AfterCallback[] {
  const conv = ConversationIds.parse(event.convId);
  const hints = pending(event);
  const EventTime = eventTimeMs(event.occurredAt);
  if (conv.type === 'GROUP') {
    return [
      callback(
        'Group.CallbackAfterRecallMsg',
        {
          CallbackCommand: 'Group.CallbackAfterRecallMsg',
          Operator_Account: event.by,
          Type: hints.groupType ?? '',
          GroupId: conv.peer,
          MsgSeqList: [{ MsgSeq: event.seq }],
          EventTime,
        },
        origin,
      ),
    ];
  }
  const [a, b] = conv.members ?? [conv.peer, conv.peer];
  const from = hints.from ?? (event.by === b ? b : a);
  const to = hints.to ?? (from === a ? b : a);
  return [
    callback(
      'C2C.CallbackAfterMsgWithDraw',
      {
        CallbackCommand: 'C2C.CallbackAfterMsgWithDraw',
        From_Account: from,
        To_Account: to,
        MsgKey: hints.msgKey ?? '',
        UnreadMsgNum: hints.unreadCount ?? 0,
        EventTime,
      },
      origin,
    ),
  ];
}

function conversationRead(
  event: EventOf<typeof MessageEvt.Read>,
  origin: EventOrigin,
): AfterCallback[] {
  const conv = ConversationIds.parse(event.convId, event.userId);
  // Group read positions are not a read receipt (Group.CallbackAfterReadReceipt).
  if (conv.type !== 'C2C') return [];
  const occurred = eventTimeMs(event.occurredAt);
  return [
    callback(
      'C2C.CallbackAfterMsgReport',
      {
        CallbackCommand: 'C2C.CallbackAfterMsgReport',
        Report_Account: event.userId,
        Peer_Account: conv.peer,
        LastReadTime: Math.floor(occurred / 1000),
        UnreadMsgNum: pending(event).unreadCount ?? 0,
        EventTime: occurred,
      },
      origin,
    ),
  ];
}

type Mapper<S extends DirectlyMappedSubject> = (
  event: EventOf<S>,
  origin: EventOrigin,
) => AfterCallback[];

const MAPPERS: { [S in DirectlyMappedSubject]: Mapper<S> } = {
  [ConnEvt.SessionOpened]: (e) => sessionOpened(e),
  [ConnEvt.SessionClosed]: (e) => sessionClosed(e),
  [RelationEvt.FriendsAdded]: friendsAdded,
  [RelationEvt.FriendsDeleted]: friendsDeleted,
  [RelationEvt.BlacklistChanged]: blacklistChanged,
  [GroupEvt.Created]: groupCreated,
  [GroupEvt.MemberJoined]: memberJoined,
  [GroupEvt.MemberLeft]: (e, o) => (e.leaveKind === 'quit' ? membersExited(e, 'Quit', o) : []),
  [GroupEvt.MemberKicked]: (e, o) => membersExited(e, 'Kicked', o),
  [GroupEvt.Destroyed]: groupDestroyed,
  [GroupEvt.InfoChanged]: groupInfoChanged,
  [GroupEvt.OwnerChanged]: ownerChanged,
  [GroupEvt.RoleChanged]: roleChanged,
  [GroupEvt.MemberInfoChanged]: memberInfoChanged,
  [MessageEvt.Sent]: messageSent,
  [MessageEvt.Recalled]: messageRecalled,
  [MessageEvt.Read]: conversationRead,
};

/** The after-callbacks an event produces (none when the spec fires none for it). */
export function afterCallbacksOf<S extends DirectlyMappedSubject>(
  subject: S,
  event: EventOf<S>,
  origin: EventOrigin,
): AfterCallback[] {
  return (MAPPERS[subject] as Mapper<S>)(event, origin);
}
