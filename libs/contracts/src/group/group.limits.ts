/**
 * Limits of the group system (docs/requirements.md §14, docs/rest-api.md §2.6 and §7). Where the two
 * disagree the wire contract wins (docs/requirements.md §15): `Introduction` 240 and `Notification` 300
 * bytes.
 */
export const GroupLimits = {
  nameMaxBytes: 30,
  introductionMaxBytes: 240,
  notificationMaxBytes: 300,
  faceUrlMaxBytes: 100,
  /** AMB-14. */
  nameCardMaxBytes: 50,
  groupIdMaxBytes: 48,
  generatedIdPrefix: '@TGS#',
  customKeyMaxBytes: 16,
  groupCustomValueMaxBytes: 512,
  memberCustomValueMaxBytes: 64,
  groupCustomKeysPerType: 20,
  memberCustomKeysPerType: 5,
  /** get_group_info. */
  getInfoMaxGroups: 50,
  /** create_group MemberList. */
  createMaxMembers: 100,
  /** add_group_member / import_group_member batch (docs/rest-api.md: commonly 300). */
  addMaxMembers: 300,
  /** forbid_send_msg, get_role_in_group. */
  accountsMax: 500,
  /** delete_group_member's `MemberToDel_Account` (Tencent: at most 100 per request). */
  removeMaxMembers: 100,
  /** get_group_member_info Limit. */
  memberPageMax: 6000,
  /** Accounts get_specified_group_member_info names at most. */
  specifiedMembersMax: 50,
  /** get_appid_group_list Limit (default too). */
  appGroupPageMax: 10000,
  /** get_joined_group_list Limit. */
  joinedPageMax: 10000,
  /** Mute time meaning "permanent" (docs/rest-api.md §2.6). */
  mutePermanent: 0xffffffff,
  /** Words of an application to join. */
  applyMessageMaxBytes: 300,
  /** Reason of a removal. */
  reasonMaxBytes: 300,
  /** Member list page for delivery (messaging). */
  deliveryPageMax: 1000,
  /** Seqs one allocation may take (import_group_msg sends up to 20). */
  allocateMaxSeqs: 100,
} as const;

/** Defaults of the per-app quotas (PLT-9, GRP-39, GRP-52, AMB-10a). */
export const GroupDefaults = {
  dailyCreateLimit: 500,
  bChatRoomLimit: 5,
  appGroupLimit: 100_000_000,
  userGroupLimit: 5000,
  avChatRoomMemberListMax: 1000,
} as const;
