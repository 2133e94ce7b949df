/**
 * Callback commands of docs/callbacks.md §3 (Tencent Cloud IM third-party callbacks). "Before"
 * commands are asked synchronously and decide (allow / reject / rewrite); "after" commands are
 * notifications, delivered at least once (docs/requirements.md AMB-47).
 */
export const BeforeCallbackCommands = [
  'C2C.CallbackBeforeSendMsg',
  'Group.CallbackBeforeSendMsg',
  'Group.CallbackBeforeCreateGroup',
  'Group.CallbackBeforeApplyJoinGroup',
  'Group.CallbackBeforeInviteJoinGroup',
  'Group.CallbackBeforeCreateTopic',
  /** Users are about to subscribe to an official account; the app may refuse. */
  'OfficialAccount.CallbackBeforeAddSubscriber',
  /** An official account's message is about to go to its subscribers; the app may refuse. */
  'OfficialAccount.CallbackBeforeSendMsg',
  'Sns.CallbackPrevFriendAdd',
  'Sns.CallbackPrevFriendResponse',
] as const;
export type BeforeCallbackCommand = (typeof BeforeCallbackCommands)[number];

export const AfterCallbackCommands = [
  'Alert.RequestOverLimit',
  'State.StateChange',
  'Profile.CallbackPortraitSet',
  'Sns.CallbackFriendAdd',
  'Sns.CallbackFriendDelete',
  'Sns.CallbackBlackListAdd',
  'Sns.CallbackBlackListDelete',
  'C2C.CallbackAfterSendMsg',
  'C2C.CallbackAfterMsgReport',
  'C2C.CallbackAfterMsgWithDraw',
  'C2C.CallbackAfterC2CMsgExtension',
  'Group.CallbackAfterCreateGroup',
  'Group.CallbackAfterNewMemberJoin',
  'Group.CallbackAfterMemberExit',
  'Group.CallbackAfterSendMsg',
  'Group.CallbackAfterGroupFull',
  'Group.CallbackAfterGroupDestroyed',
  'Group.CallbackAfterGroupInfoChanged',
  'Group.CallbackOnMemberStateChange',
  'Group.CallbackSendMsgException',
  'Group.CallbackAfterRecallMsg',
  'Group.CallbackAfterCreateTopic',
  'Group.CallbackAfterTopicDestroyed',
  'Group.CallbackAfterTopicInfoChanged',
  'Group.CallbackAfterMemberFieldChanged',
  'Group.CallbackAfterGroupAttrChanged',
  'Group.CallbackAfterReadReceipt',
  'Group.CallbackAfterChangeGroupOwner',
  'Group.CallbackOnDailyGroupQuotaAlarm',
  /** A C2C message reached a robot (`@RBT#...`, account type 1): the app backend answers it. */
  'Bot.OnC2CMessage',
  /** Users subscribed to an official account (client subscribe or REST add_subscriber). */
  'OfficialAccount.CallbackAfterAddSubscriber',
  /** Users unsubscribed from an official account (client unsubscribe or REST delete_subscriber). */
  'OfficialAccount.CallbackAfterDeleteSubscriber',
  /** An official account reached its `MaxSubscriberNum`. */
  'OfficialAccount.CallbackAfterOfficialAccountFull',
  /** The App admin created an official account (`create_official_account`). */
  'OfficialAccount.CallbackAfterCreateOfficialAccount',
  /** The App admin changed an official account's info (`modify_official_account`). */
  'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
  /** The App admin destroyed an official account (`destroy_official_account`). */
  'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
  /** An official account's message was sent (`send_official_account_msg`). */
  'OfficialAccount.CallbackAfterSendMsg',
] as const;
export type AfterCallbackCommand = (typeof AfterCallbackCommands)[number];

/** Every command an app may enable (docs/callbacks.md §3.1–3.4). */
export const CallbackCommands = [...BeforeCallbackCommands, ...AfterCallbackCommands] as const;
export type CallbackCommand = BeforeCallbackCommand | AfterCallbackCommand;

export function isBeforeCallbackCommand(command: string): command is BeforeCallbackCommand {
  return (BeforeCallbackCommands as readonly string[]).includes(command);
}

/**
 * `OptPlatform` values (docs/callbacks.md §1.1). `IOS` (upper case) is only used by
 * `State.StateChange`; every other callback spells it `iOS`.
 */
export const OptPlatforms = [
  'RESTAPI',
  'Web',
  'Android',
  'iOS',
  'IOS',
  'Windows',
  'Mac',
  'iPad',
  'Unknown',
] as const;
export type OptPlatform = (typeof OptPlatforms)[number];

/** Limits of callback settings and replies. */
export const CallbackLimits = {
  /** Authentication token length, characters (docs/callbacks.md §1.1). */
  tokenMaxLength: 128,
  urlMaxLength: 1024,
  /** How long the platform waits for the app's answer (docs/callbacks.md §1.3). */
  timeoutMs: 2000,
  /** Dead letters per list page. */
  deadLettersPageMax: 100,
  /** Dead letters per replay / discard call when IDs are given. */
  deadLetterIdsMax: 1000,
  /** Delivery attempts or dead letters per console page (the app admin's lists). */
  appPageMax: 100,
  /** Delivery attempts kept per app (older ones are swept), and for at most this many days. */
  attemptsKeptPerApp: 1000,
  attemptsKeptDays: 7,
} as const;
