/** Limits and constants of the relation chain (docs/requirements.md §6, §14; docs/rest-api.md §2.5, §6). */
export const RelationLimits = {
  /** Default friends per user (REL-4); per app `AppSettings.friendLimit`. */
  defaultFriendLimit: 1000,
  /** Default blacklist entries per user (REL-35); per app `AppSettings.blacklistLimit`. */
  defaultBlacklistLimit: 1000,
  /** Default days a pending request is kept (AMB-29); per app `pendingFriendRequestTtlDays`. */
  defaultPendingRequestTtlDays: 30,
  /** Targets per friend_add / friend_import / friend_update / friend_get_list. */
  addBatchMax: 100,
  /** Targets per friend_delete / friend_check / black_list_* (docs/rest-api.md §6.4, §6.6, §6.9). */
  batchMax: 1000,
  /** Friend lists ("groups") per user and their IDs 1..32 (REL-6). */
  friendListsMax: 32,
  friendListNameMaxBytes: 30,
  remarkMaxBytes: 96,
  addWordingMaxBytes: 256,
  /** string/bytes friend fields (REL-3). */
  valueMaxBytes: 500,
  /** Friends per friend_get page (AMB-30). */
  friendPageSize: 100,
  /** Largest blacklist page (black_list_get MaxLimited is capped to it). */
  blacklistPageMax: 1000,
  /** Recommendation buffer (REL-41, AMB-34). */
  recommendationsMax: 1000,
  recommendationNoteMaxBytes: 500,
  /** Pending requests per page of the request lists. */
  requestPageMax: 100,
} as const;

/** Standard friend tags (docs/rest-api.md §2.5). */
export const SnsTags = {
  Group: 'Tag_SNS_IM_Group',
  Remark: 'Tag_SNS_IM_Remark',
  AddSource: 'Tag_SNS_IM_AddSource',
  AddWording: 'Tag_SNS_IM_AddWording',
  AddTime: 'Tag_SNS_IM_AddTime',
  RemarkTime: 'Tag_SNS_IM_RemarkTime',
} as const;

/** `Add_Type_Single` (one-way) or `Add_Type_Both` (default, two-way; AMB-28). */
export const AddTypes = ['single', 'both'] as const;
export type AddType = (typeof AddTypes)[number];

/** `Delete_Type_Single` (default) or `Delete_Type_Both` (REL-24, REL-25). */
export const DeleteTypes = ['single', 'both'] as const;
export type DeleteType = (typeof DeleteTypes)[number];

/** One-way or two-way friend/blacklist check (REL-32, REL-39). */
export const CheckTypes = ['single', 'both'] as const;
export type CheckType = (typeof CheckTypes)[number];

/**
 * A check result, A = the asking user, B = the peer: `AWithB` B is in A's list, `BWithA` A is
 * in B's list (REL-33, REL-34, REL-40). The REST edge spells them per command.
 */
export const CheckRelations = ['BothWay', 'AWithB', 'BWithA', 'NoRelation'] as const;
export type CheckRelation = (typeof CheckRelations)[number];

/** How a pending request ended (REL-14, REL-23, AMB-29). */
export const FriendRequestActions = ['accepted', 'rejected', 'deleted', 'expired'] as const;
export type FriendRequestAction = (typeof FriendRequestActions)[number];

/**
 * Accepting a request: `agree` adds the target to the requester's table only, `agree-and-add`
 * makes them friends both ways. Default: what the request asked for (its AddType).
 */
export const FriendRequestResponses = ['agree', 'agree-and-add'] as const;
export type FriendRequestResponse = (typeof FriendRequestResponses)[number];

export const FriendRequestDirections = ['incoming', 'outgoing'] as const;
export type FriendRequestDirection = (typeof FriendRequestDirections)[number];
