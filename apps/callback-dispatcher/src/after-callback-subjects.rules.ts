import { ConnEvt, GroupEvt, MessageEvt, ProfileEvt, RelationEvt } from '@im/contracts';
import type { AfterCallbackCommand } from '@im/contracts';

/**
 * Every platform event that is reported, with the commands it may produce (docs/callbacks.md §3).
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
  [GroupEvt.AttrChanged]: ['Group.CallbackAfterGroupAttrChanged'],
  [GroupEvt.TopicCreated]: ['Group.CallbackAfterCreateTopic'],
  [GroupEvt.TopicDestroyed]: ['Group.CallbackAfterTopicDestroyed'],
  [GroupEvt.TopicInfoChanged]: ['Group.CallbackAfterTopicInfoChanged'],
  [GroupEvt.OfficialAccountSubscribed]: [
    'OfficialAccount.CallbackAfterAddSubscriber',
    'OfficialAccount.CallbackAfterOfficialAccountFull',
  ],
  [GroupEvt.OfficialAccountUnsubscribed]: ['OfficialAccount.CallbackAfterDeleteSubscriber'],
  [GroupEvt.OfficialAccountCreated]: ['OfficialAccount.CallbackAfterCreateOfficialAccount'],
  [GroupEvt.OfficialAccountInfoChanged]: [
    'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
  ],
  [GroupEvt.OfficialAccountDestroyed]: ['OfficialAccount.CallbackAfterOfficialAccountDestroyed'],
  [MessageEvt.Sent]: [
    'C2C.CallbackAfterSendMsg',
    'Group.CallbackAfterSendMsg',
    'Bot.OnC2CMessage',
    'OfficialAccount.CallbackAfterSendMsg',
  ],
  [MessageEvt.Recalled]: ['C2C.CallbackAfterMsgWithDraw', 'Group.CallbackAfterRecallMsg'],
  [MessageEvt.Read]: ['C2C.CallbackAfterMsgReport'],
  [MessageEvt.ReceiptsSent]: ['Group.CallbackAfterReadReceipt'],
  [MessageEvt.ExtensionsChanged]: ['C2C.CallbackAfterC2CMsgExtension'],
} as const satisfies Record<string, readonly AfterCallbackCommand[]>;

export type ReportedSubject = keyof typeof AFTER_CALLBACKS_BY_SUBJECT;
/** Subjects mapped from the event alone (the profile change needs the new values first). */
export type DirectlyMappedSubject = Exclude<ReportedSubject, typeof ProfileEvt.Changed>;

export function isReportedSubject(subject: string): subject is ReportedSubject {
  return Object.prototype.hasOwnProperty.call(AFTER_CALLBACKS_BY_SUBJECT, subject);
}
