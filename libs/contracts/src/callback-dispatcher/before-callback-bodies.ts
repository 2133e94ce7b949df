import type { BeforeCallbackCommand } from './callback-commands';

/**
 * Request bodies of the "before" callbacks (docs/callbacks.md §4), as the owning service passes them
 * to `callback-dispatcher.rpc.before`: Tencent's field names, without `CallbackCommand` (the
 * dispatcher puts it first) and optionally without `EventTime` (the dispatcher adds the current
 * time in milliseconds when it is missing). Type aliases, not interfaces, so that each is a
 * plain JSON object (`Record<string, unknown>`).
 */

/** One element of `MsgBody` (docs/rest-api.md §2.1), passed through unchanged. */
export type CallbackMsgElement = { MsgType: string; MsgContent: Record<string, unknown> };

export type CallbackMemberAccount = { Member_Account: string };

/** `C2C.CallbackBeforeSendMsg` (§4.7). */
export type C2cBeforeSendMsgBody = {
  From_Account: string;
  To_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  /** UNIX seconds. */
  MsgTime: number;
  /** `{MsgSeq}_{MsgRandom}_{MsgTime}`. */
  MsgKey: string;
  /** 1 = online-only message. */
  OnlineOnlyFlag: 0 | 1;
  MsgBody: CallbackMsgElement[];
  CloudCustomData?: string;
  MsgId?: string;
  EventTime?: number;
};

/** `Group.CallbackBeforeSendMsg` (§4.12). Note `Random`, not `MsgRandom`. */
export type GroupBeforeSendMsgBody = {
  GroupId: string;
  Type: string;
  From_Account: string;
  /** The requester (the admin identifier for REST sends). */
  Operator_Account: string;
  Random: number;
  OnlineOnlyFlag: 0 | 1;
  MsgBody: CallbackMsgElement[];
  CloudCustomData?: string;
  TopicId?: string;
  MsgId?: string;
  EventTime?: number;
};

/** `Group.CallbackBeforeCreateGroup` (§4.10). */
export type GroupBeforeCreateGroupBody = {
  Operator_Account: string;
  Owner_Account: string;
  Type: string;
  Name: string;
  /** Groups of this type the operator already created. */
  CreateGroupNum: number;
  MemberList: CallbackMemberAccount[];
  EventTime?: number;
};

/** `Group.CallbackBeforeApplyJoinGroup` (§4.11). */
export type GroupBeforeApplyJoinGroupBody = {
  GroupId: string;
  Type: string;
  Requestor_Account: string;
  EventTime?: number;
};

/** `Group.CallbackBeforeInviteJoinGroup` (§4.11). */
export type GroupBeforeInviteJoinGroupBody = {
  GroupId: string;
  Type: string;
  Operator_Account: string;
  DestinationMembers: CallbackMemberAccount[];
  EventTime?: number;
};

/**
 * `Group.CallbackBeforeCreateTopic` (Tencent's page 1047/49463): `Operator_Account`, `Type`
 * (`Community`), `Name` as documented; `GroupId` added so the backend knows the Community.
 */
export type GroupBeforeCreateTopicBody = {
  GroupId: string;
  Type: string;
  Operator_Account: string;
  Name: string;
  EventTime?: number;
};

/** `Sns.CallbackPrevFriendAdd` (§4.3). */
export type SnsPrevFriendAddBody = {
  /** Who issued the request: the user, or the admin identifier for REST. */
  Requester_Account: string;
  From_Account: string;
  FriendItem: {
    To_Account: string;
    Remark: string;
    GroupName: string;
    AddSource: string;
    AddWording: string;
  }[];
  AddType: 'Add_Type_Single' | 'Add_Type_Both';
  ForceAddFlags: 0 | 1;
  EventTime?: number;
};

/** `Sns.CallbackPrevFriendResponse` (§4.4). */
export type SnsPrevFriendResponseBody = {
  Requester_Account: string;
  /** The responder. */
  From_Account: string;
  ResponseFriendItem: {
    To_Account: string;
    Remark: string;
    TagName: string;
    ResponseAction:
      'Response_Action_AgreeAndAdd' | 'Response_Action_Agree' | 'Response_Action_Reject';
  }[];
  EventTime?: number;
};

/** `OfficialAccount.CallbackBeforeAddSubscriber` (§4.16; Tencent's page 1047/60799). */
export type OfficialAccountBeforeAddSubscriberBody = {
  Official_Account: string;
  Operator_Account: string;
  SubscribeAccountList: { Subscriber_Account: string }[];
  EventTime?: number;
};

/** `OfficialAccount.CallbackBeforeSendMsg` (§4.16; Tencent's page 1047/60803). */
export type OfficialAccountBeforeSendMsgBody = {
  Official_Account: string;
  OnlineOnlyFlag: 0 | 1;
  MsgBody: CallbackMsgElement[];
  CloudCustomData?: string;
  EventTime?: number;
};

/** The body type of each before-callback command. */
export type BeforeCallbackBodies = {
  'C2C.CallbackBeforeSendMsg': C2cBeforeSendMsgBody;
  'Group.CallbackBeforeSendMsg': GroupBeforeSendMsgBody;
  'Group.CallbackBeforeCreateGroup': GroupBeforeCreateGroupBody;
  'Group.CallbackBeforeApplyJoinGroup': GroupBeforeApplyJoinGroupBody;
  'Group.CallbackBeforeInviteJoinGroup': GroupBeforeInviteJoinGroupBody;
  'Group.CallbackBeforeCreateTopic': GroupBeforeCreateTopicBody;
  'OfficialAccount.CallbackBeforeAddSubscriber': OfficialAccountBeforeAddSubscriberBody;
  'OfficialAccount.CallbackBeforeSendMsg': OfficialAccountBeforeSendMsgBody;
  'Sns.CallbackPrevFriendAdd': SnsPrevFriendAddBody;
  'Sns.CallbackPrevFriendResponse': SnsPrevFriendResponseBody;
};

export type BeforeCallbackBodyOf<C extends BeforeCallbackCommand> = BeforeCallbackBodies[C];
