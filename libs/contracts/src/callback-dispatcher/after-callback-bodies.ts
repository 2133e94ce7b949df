import type { CallbackMemberAccount, CallbackMsgElement } from './before-callback-bodies';

/**
 * Request bodies of the "after" callbacks the dispatcher sends (docs/callbacks.md §4), each
 * starting with `CallbackCommand` and carrying `EventTime` (milliseconds).
 */

/** `State.StateChange` (§4.1). */
export type StateChangeBody = {
  CallbackCommand: 'State.StateChange';
  EventTime: number;
  Info: {
    Action: 'Login' | 'Logout' | 'Disconnect';
    To_Account: string;
    Reason: 'Register' | 'Unregister' | 'LinkClose' | 'TimeOut';
  };
  /** Only on a Login that ended sessions on other devices. */
  KickedDevice?: { Platform: string }[];
};

/** `Profile.CallbackPortraitSet` (§4.2). */
export type PortraitSetBody = {
  CallbackCommand: 'Profile.CallbackPortraitSet';
  Operator_Account: string;
  From_Account: string;
  ProfileItem: { Tag: string; Value: string | number }[];
  EventTime: number;
};

/** `Sns.CallbackFriendAdd` (§4.5). */
export type FriendAddBody = {
  CallbackCommand: 'Sns.CallbackFriendAdd';
  ClientCmd: 'friend_add' | 'friend_response';
  Admin_Account: string;
  ForceFlag: 0 | 1;
  PairList: { From_Account: string; To_Account: string; Initiator_Account: string }[];
  EventTime: number;
};

/** `Sns.CallbackFriendDelete`, `Sns.CallbackBlackListAdd`, `Sns.CallbackBlackListDelete` (§4.6). */
export type FriendPairsBody = {
  CallbackCommand:
    'Sns.CallbackFriendDelete' | 'Sns.CallbackBlackListAdd' | 'Sns.CallbackBlackListDelete';
  PairList: { From_Account: string; To_Account: string }[];
  EventTime: number;
};

/** `C2C.CallbackAfterSendMsg` (§4.7). */
export type C2cAfterSendMsgBody = {
  CallbackCommand: 'C2C.CallbackAfterSendMsg';
  From_Account: string;
  To_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTime: number;
  MsgKey: string;
  OnlineOnlyFlag: 0 | 1;
  MsgBody: CallbackMsgElement[];
  CloudCustomData: string;
  SendMsgResult: number;
  ErrorInfo: string;
  UnreadMsgNum: number;
  EventTime: number;
};

/** `Bot.OnC2CMessage` (§4.7a): a C2C message to a robot, as Tencent documents it. */
export type BotOnC2cMessageBody = {
  CallbackCommand: 'Bot.OnC2CMessage';
  From_Account: string;
  To_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTime: number;
  MsgKey: string;
  OnlineOnlyFlag: 0 | 1;
  SendMsgResult: number;
  ErrorInfo: string;
  MsgBody: CallbackMsgElement[];
  CloudCustomData: string;
  EventTime: number;
};

/** `C2C.CallbackAfterMsgReport` (§4.8). */
export type C2cAfterMsgReportBody = {
  CallbackCommand: 'C2C.CallbackAfterMsgReport';
  Report_Account: string;
  Peer_Account: string;
  /** UNIX seconds. */
  LastReadTime: number;
  UnreadMsgNum: number;
  EventTime: number;
};

/** `C2C.CallbackAfterMsgWithDraw` (§4.9). */
export type C2cAfterMsgWithDrawBody = {
  CallbackCommand: 'C2C.CallbackAfterMsgWithDraw';
  From_Account: string;
  To_Account: string;
  MsgKey: string;
  UnreadMsgNum: number;
  EventTime: number;
};

/** `Group.CallbackAfterCreateGroup` (§4.10). */
export type GroupAfterCreateGroupBody = {
  CallbackCommand: 'Group.CallbackAfterCreateGroup';
  GroupId: string;
  Operator_Account: string;
  Owner_Account: string;
  Type: string;
  Name: string;
  MemberList: CallbackMemberAccount[];
  UserDefinedDataList: { Key: string; Value: string }[];
  EventTime: number;
};

/**
 * `Group.CallbackAfterCreateTopic` (Tencent's page 1047/49464): a topic of a Community was
 * created (not for import_topic). `UserDefinedDataList` is always empty: topics here have no
 * custom fields besides `CustomString`.
 */
export type GroupAfterCreateTopicBody = {
  CallbackCommand: 'Group.CallbackAfterCreateTopic';
  GroupId: string;
  TopicId: string;
  Operator_Account: string;
  Owner_Account: string;
  Type: string;
  Name: string;
  UserDefinedDataList: { Key: string; Value: string }[];
  EventTime: number;
};

/** `Group.CallbackAfterTopicDestroyed` (page 1047/49465): topics of a Community are gone. */
export type GroupAfterTopicDestroyedBody = {
  CallbackCommand: 'Group.CallbackAfterTopicDestroyed';
  GroupId: string;
  Type: string;
  TopicIdList: string[];
  EventTime: number;
};

/**
 * `Group.CallbackAfterTopicInfoChanged` (page 1047/49466): the topic's name, introduction,
 * notification or face URL changed; only the changed ones are sent. `TopicId` is not in
 * Tencent's sample; it is sent so the backend knows which topic changed.
 */
export type GroupAfterTopicInfoChangedBody = {
  CallbackCommand: 'Group.CallbackAfterTopicInfoChanged';
  GroupId: string;
  TopicId: string;
  Type: string;
  Operator_Account: string;
  Name?: string;
  Introduction?: string;
  Notification?: string;
  FaceUrl?: string;
  EventTime: number;
};

/** `Group.CallbackAfterNewMemberJoin` (§4.11). */
export type GroupAfterNewMemberJoinBody = {
  CallbackCommand: 'Group.CallbackAfterNewMemberJoin';
  GroupId: string;
  Type: string;
  JoinType: 'Apply' | 'Invited';
  Operator_Account: string;
  NewMemberList: CallbackMemberAccount[];
  EventTime: number;
};

/** `Group.CallbackAfterMemberExit` (§4.11). */
export type GroupAfterMemberExitBody = {
  CallbackCommand: 'Group.CallbackAfterMemberExit';
  GroupId: string;
  Type: string;
  ExitType: 'Kicked' | 'Quit';
  Operator_Account: string;
  ExitMemberList: CallbackMemberAccount[];
  EventTime: number;
};

/** `Group.CallbackAfterSendMsg` (§4.12). */
export type GroupAfterSendMsgBody = {
  CallbackCommand: 'Group.CallbackAfterSendMsg';
  GroupId: string;
  Type: string;
  From_Account: string;
  Operator_Account: string;
  Random: number;
  MsgSeq: number;
  MsgTime: number;
  OnlineOnlyFlag: 0 | 1;
  MsgBody: CallbackMsgElement[];
  CloudCustomData: string;
  /** The @-mentions, when there are any. */
  GroupAtInfo?: { GroupAtAllFlag: 0 | 1; GroupAt_Account: string }[];
  EventTime: number;
};

/** `Group.CallbackAfterGroupDestroyed` (§4.13). */
export type GroupAfterGroupDestroyedBody = {
  CallbackCommand: 'Group.CallbackAfterGroupDestroyed';
  GroupId: string;
  Type: string;
  Owner_Account: string;
  Name: string;
  MemberList: CallbackMemberAccount[];
  EventTime: number;
};

/** `Group.CallbackAfterGroupInfoChanged` (§4.13): only the changed ones of the four fields. */
export type GroupAfterGroupInfoChangedBody = {
  CallbackCommand: 'Group.CallbackAfterGroupInfoChanged';
  GroupId: string;
  Type: string;
  Operator_Account: string;
  Name?: string;
  Introduction?: string;
  Notification?: string;
  FaceUrl?: string;
  EventTime: number;
};

/** `Group.CallbackAfterRecallMsg` (§4.13). */
export type GroupAfterRecallMsgBody = {
  CallbackCommand: 'Group.CallbackAfterRecallMsg';
  Operator_Account: string;
  Type: string;
  GroupId: string;
  MsgSeqList: { MsgSeq: number }[];
  EventTime: number;
};

/** `Group.CallbackAfterMemberFieldChanged` (§4.13). */
export type GroupAfterMemberFieldChangedBody = {
  CallbackCommand: 'Group.CallbackAfterMemberFieldChanged';
  GroupId: string;
  Type: string;
  Operator_Account: string;
  Modified_Account: string;
  Role?: string;
  NameCard?: string;
  EventTime: number;
};

/** `Group.CallbackAfterChangeGroupOwner` (§4.13). */
export type GroupAfterChangeGroupOwnerBody = {
  CallbackCommand: 'Group.CallbackAfterChangeGroupOwner';
  GroupId: string;
  Type: string;
  Operator_Account: string;
  OldOwner_Account: string;
  NewOwner_Account: string;
  EventTime: number;
};

/**
 * `Group.CallbackAfterGroupAttrChanged` (§4.13): `OptionType` and the attributes the write
 * touched (all for `set`, none for `clear`, the upserted for `modify`, the removed keys for
 * `delete`).
 */
export type GroupAfterGroupAttrChangedBody = {
  CallbackCommand: 'Group.CallbackAfterGroupAttrChanged';
  GroupId: string;
  Type: string;
  Operator_Account: string;
  OptionType: 'set' | 'modify' | 'clear' | 'delete';
  GroupAttr: { key: string; value?: string }[];
  EventTime: number;
};

/**
 * `Group.CallbackAfterReadReceipt` (§4.14): a member's new read receipts, with each message's
 * counts after it and the member who sent it.
 */
export type GroupAfterReadReceiptBody = {
  CallbackCommand: 'Group.CallbackAfterReadReceipt';
  GroupId: string;
  Type: string;
  GroupMsgReceiptList: {
    MsgSeq: number;
    ReadNum: number;
    UnreadNum: number;
    ReadReceiptMembers: { Member_Account: string }[];
  }[];
  EventTime: number;
};

/**
 * `C2C.CallbackAfterC2CMsgExtension` (§4.15): key/values of a C2C message set (`OperateType`
 * 1), deleted (2, empty values) or cleared (3, none); `Seq` the message's version after it.
 */
export type C2cAfterMsgExtensionBody = {
  CallbackCommand: 'C2C.CallbackAfterC2CMsgExtension';
  From_Account: string;
  To_Account: string;
  MsgKey: string;
  OperateType: 1 | 2 | 3;
  ExtensionList: { Key: string; Value: string; Seq: number }[];
  Seq: number;
  EventTime: number;
};

/** Every after-callback body the dispatcher builds. */
/**
 * `OfficialAccount.CallbackAfterAddSubscriber` / `OfficialAccount.CallbackAfterDeleteSubscriber`
 * (§4.16; Tencent's pages 1047/60800 and 60802): the account, who acted and the users.
 */
export type OfficialAccountSubscribersBody = {
  CallbackCommand:
    'OfficialAccount.CallbackAfterAddSubscriber' | 'OfficialAccount.CallbackAfterDeleteSubscriber';
  Official_Account: string;
  Operator_Account: string;
  SubscribeAccountList: { Subscriber_Account: string }[];
  EventTime: number;
};

/** `OfficialAccount.CallbackAfterOfficialAccountFull` (§4.16; Tencent's page 1047/60801). */
export type OfficialAccountFullBody = {
  CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountFull';
  Official_Account: string;
  EventTime: number;
};

/** `OfficialAccount.CallbackAfterCreateOfficialAccount` (§4.16; Tencent's page 1047/60796). */
export type OfficialAccountAfterCreateBody = {
  CallbackCommand: 'OfficialAccount.CallbackAfterCreateOfficialAccount';
  Official_Account: string;
  Operator_Account: string;
  Owner_Account: string;
  Name: string;
  EventTime: number;
};

/**
 * `OfficialAccount.CallbackAfterOfficialAccountInfoChanged` (§4.16; Tencent's page 1047/60797):
 * the values after the change.
 */
export type OfficialAccountAfterInfoChangedBody = {
  CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged';
  Official_Account: string;
  Operator_Account: string;
  Name: string;
  Introduction: string;
  FaceUrl: string;
  Organization: string;
  EventTime: number;
};

/** `OfficialAccount.CallbackAfterOfficialAccountDestroyed` (§4.16; Tencent's page 1047/60798). */
export type OfficialAccountAfterDestroyedBody = {
  CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed';
  Official_Account: string;
  Owner_Account: string;
  Name: string;
  EventTime: number;
};

/** `OfficialAccount.CallbackAfterSendMsg` (§4.16; Tencent's page 1047/60804). */
export type OfficialAccountAfterSendMsgBody = {
  CallbackCommand: 'OfficialAccount.CallbackAfterSendMsg';
  Official_Account: string;
  /** `{MsgSeq}_1_{MsgTime}`, the key `official_account_msg_recall` takes. */
  MsgKey: string;
  MsgTime: number;
  OnlineOnlyFlag: 0 | 1;
  MsgBody: CallbackMsgElement[];
  CloudCustomData: string;
  EventTime: number;
};

export type AfterCallbackBody =
  | StateChangeBody
  | PortraitSetBody
  | FriendAddBody
  | FriendPairsBody
  | C2cAfterSendMsgBody
  | BotOnC2cMessageBody
  | C2cAfterMsgReportBody
  | C2cAfterMsgWithDrawBody
  | GroupAfterCreateGroupBody
  | GroupAfterCreateTopicBody
  | GroupAfterTopicDestroyedBody
  | GroupAfterTopicInfoChangedBody
  | GroupAfterNewMemberJoinBody
  | GroupAfterMemberExitBody
  | GroupAfterSendMsgBody
  | GroupAfterGroupDestroyedBody
  | GroupAfterGroupInfoChangedBody
  | GroupAfterRecallMsgBody
  | GroupAfterMemberFieldChangedBody
  | GroupAfterChangeGroupOwnerBody
  | GroupAfterGroupAttrChangedBody
  | GroupAfterReadReceiptBody
  | C2cAfterMsgExtensionBody
  | OfficialAccountSubscribersBody
  | OfficialAccountFullBody
  | OfficialAccountAfterCreateBody
  | OfficialAccountAfterInfoChangedBody
  | OfficialAccountAfterDestroyedBody
  | OfficialAccountAfterSendMsgBody;
