// The group-type matrix of docs/requirements.md §7.2 (Table 7-1) as data: one row per built-in type,
// every cell a field, and the types an app declares on top (their base row, changed where the
// declaration says). The rights that read these rows are in group-permissions.rules.ts.
import { BuiltinGroupTypes, isBuiltinGroupType } from '@im/contracts';
import type {
  BuiltinGroupType,
  CustomGroupTypeDeclaration,
  GroupTypeCapabilities,
} from '@im/contracts';

/** Table 7-1's Public column; Community is built on it. */
const PUBLIC: GroupTypeCapabilities = {
  type: 'Public',
  baseType: 'Public',
  storage: 'table',
  searchable: true,
  baseInfoEditMinRank: 'Admin', // AMB-7: owner, admins, App admin
  memberListVisibility: 'full',
  hasOwner: true,
  adminsAllowed: true,
  ownerMayDismiss: true,
  applyAllowed: true,
  defaultApplyJoinOption: 'NeedPermission',
  addMembersMinRank: 'Admin', // T8 + AMB-5: members may not invite; owner/admins/App admin add
  initialMembersAllowed: true,
  ownerMayQuit: false,
  kickMinRank: 'Admin',
  offlineMemberCleanup: false,
  memberLimit: 2000,
  creationQuota: 'daily',
  preJoinHistoryVisible: false,
  memberChangeNotification: 'shown',
  needsActivation: false,
  muteSupported: true,
  sendMinRank: 'Member',
  defaultMsgFlag: 'AcceptAndNotify',
  unreadSupported: true,
  guestReceive: false,
  roamingDays: 7,
  importAllowed: true,
  autoRecycle: false,
  memberCustomFields: true,
  featureSwitch: null,
  createdByAppAdminOnly: false,
};

/** Table 7-1, one row per built-in type; T13 and T26 are off everywhere (GRP-61, GRP-62). */
export const BUILTIN_CAPABILITIES: Readonly<Record<BuiltinGroupType, GroupTypeCapabilities>> = {
  Private: {
    type: 'Private',
    baseType: 'Private',
    storage: 'table',
    searchable: false, // T1
    baseInfoEditMinRank: 'Member', // T2: any member, the four fields only
    memberListVisibility: 'full', // T3
    hasOwner: true, // T4
    adminsAllowed: false, // T4, T11
    ownerMayDismiss: false, // T5
    applyAllowed: false, // T6
    defaultApplyJoinOption: 'DisableApply', // T7: nobody can apply
    addMembersMinRank: 'Member', // T8: any member adds directly
    initialMembersAllowed: true, // T9
    ownerMayQuit: true, // T10: the group is then ownerless
    kickMinRank: 'Owner', // T12: owner and App admin
    offlineMemberCleanup: false, // T13
    memberLimit: 200, // T14
    creationQuota: 'daily', // T15
    preJoinHistoryVisible: false, // T16
    memberChangeNotification: 'shown', // T17
    needsActivation: true, // T18
    muteSupported: false, // T19
    sendMinRank: 'Member', // T20
    defaultMsgFlag: 'AcceptAndNotify', // T21
    unreadSupported: true, // T22
    guestReceive: false, // T23
    roamingDays: 7, // T24
    importAllowed: true, // T25
    autoRecycle: false, // T26
    memberCustomFields: true, // T27
    featureSwitch: null, // T28
    createdByAppAdminOnly: false,
  },
  Public: PUBLIC,
  ChatRoom: {
    type: 'ChatRoom',
    baseType: 'ChatRoom',
    storage: 'table',
    searchable: true,
    baseInfoEditMinRank: 'Admin',
    memberListVisibility: 'full',
    hasOwner: true,
    adminsAllowed: true,
    ownerMayDismiss: true,
    applyAllowed: true,
    defaultApplyJoinOption: 'FreeAccess',
    addMembersMinRank: 'Admin',
    initialMembersAllowed: true,
    ownerMayQuit: false,
    kickMinRank: 'Admin',
    offlineMemberCleanup: false,
    memberLimit: 10000,
    creationQuota: 'daily',
    preJoinHistoryVisible: true,
    memberChangeNotification: 'none',
    needsActivation: false,
    muteSupported: true,
    sendMinRank: 'Member',
    defaultMsgFlag: 'AcceptNotNotify', // AMB-15
    unreadSupported: false,
    guestReceive: false,
    roamingDays: 7, // AMB-10g
    importAllowed: true,
    autoRecycle: false,
    memberCustomFields: true,
    featureSwitch: null,
    createdByAppAdminOnly: false,
  },
  AVChatRoom: {
    type: 'AVChatRoom',
    baseType: 'AVChatRoom',
    storage: 'room',
    searchable: true,
    baseInfoEditMinRank: 'Admin',
    memberListVisibility: 'partial', // AMB-10a: the earliest joiners
    hasOwner: true,
    adminsAllowed: false, // "not for now"
    ownerMayDismiss: true,
    applyAllowed: true,
    defaultApplyJoinOption: 'FreeAccess',
    addMembersMinRank: 'Nobody', // App admin included
    initialMembersAllowed: false,
    ownerMayQuit: false,
    kickMinRank: 'Nobody',
    offlineMemberCleanup: false,
    memberLimit: null,
    creationQuota: 'daily',
    preJoinHistoryVisible: false,
    memberChangeNotification: 'silent', // sent; clients update the list, show nothing
    needsActivation: false,
    muteSupported: true, // AMB-8: owner and App admin
    sendMinRank: 'Member',
    defaultMsgFlag: 'AcceptNotNotify',
    unreadSupported: false,
    guestReceive: true,
    roamingDays: 0,
    importAllowed: false,
    autoRecycle: false,
    memberCustomFields: false, // GRP-32
    featureSwitch: 'avChatRoom',
    createdByAppAdminOnly: false,
  },
  BChatRoom: {
    type: 'BChatRoom',
    baseType: 'BChatRoom',
    storage: 'room',
    searchable: false,
    baseInfoEditMinRank: 'AppAdmin', // no owner, no admins
    memberListVisibility: 'none',
    hasOwner: false,
    adminsAllowed: false,
    ownerMayDismiss: false, // only the App admin dismisses
    applyAllowed: true,
    defaultApplyJoinOption: 'FreeAccess',
    addMembersMinRank: 'Nobody',
    initialMembersAllowed: false,
    ownerMayQuit: false, // AMB-10h: not applicable
    kickMinRank: 'Nobody',
    offlineMemberCleanup: false,
    memberLimit: null,
    creationQuota: 'bchatroom',
    preJoinHistoryVisible: false,
    memberChangeNotification: 'none',
    needsActivation: false,
    muteSupported: false, // only the App admin sends anyway
    sendMinRank: 'AppAdmin',
    defaultMsgFlag: 'AcceptNotNotify',
    unreadSupported: false,
    guestReceive: true,
    roamingDays: 0,
    importAllowed: false,
    autoRecycle: false,
    memberCustomFields: false, // AMB-10b
    featureSwitch: 'bChatRoom',
    createdByAppAdminOnly: true, // AMB-18
  },
  Community: {
    // Tencent's Community (社群): a large Public-like group, up to 100,000 members, anyone may
    // apply and join freely by default, history visible to those who join later; with
    // SupportTopic it holds topics, each its own message line (group-topic.service.ts).
    ...PUBLIC,
    type: 'Community',
    baseType: 'Community',
    defaultApplyJoinOption: 'FreeAccess',
    memberLimit: 100000,
    preJoinHistoryVisible: true,
  },
};

/**
 * The capabilities of a declared type: its base row with the declared dimensions changed,
 * kept consistent (an unlimited, room-stored base stays unlimited and never lists all members
 * or stores member fields; without an owner there are no admins and no owner rights).
 */
export function resolveCustomType(declaration: CustomGroupTypeDeclaration): GroupTypeCapabilities {
  const base = BUILTIN_CAPABILITIES[declaration.baseType];
  const { name, baseType: _base, ...overrides } = declaration;
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<GroupTypeCapabilities>;
  const caps: GroupTypeCapabilities = { ...base, ...defined, type: name };
  if (base.storage === 'room') {
    caps.memberLimit = null;
    caps.memberCustomFields = false;
    caps.adminsAllowed = false; // a room keeps no roles but its owner
    if (caps.memberListVisibility === 'full') caps.memberListVisibility = 'partial';
  } else if (caps.memberLimit === null) {
    caps.memberLimit = base.memberLimit;
  }
  if (!caps.hasOwner) {
    caps.adminsAllowed = false;
    caps.ownerMayDismiss = false;
    caps.ownerMayQuit = false;
  }
  if (!caps.applyAllowed) caps.defaultApplyJoinOption = 'DisableApply';
  return caps;
}

/** Every type of an app: the built-in rows (changed where the app declared so) and its own types. */
export function typeTable(
  declarations: readonly CustomGroupTypeDeclaration[] = [],
): Map<string, GroupTypeCapabilities> {
  const table = new Map<string, GroupTypeCapabilities>(
    BuiltinGroupTypes.map((type) => [type, BUILTIN_CAPABILITIES[type]]),
  );
  for (const declaration of declarations) {
    if (isBuiltinGroupType(declaration.name) && declaration.baseType !== declaration.name) continue;
    table.set(declaration.name, resolveCustomType(declaration));
  }
  return table;
}
