/** Request/reply subjects served by the relation service (queue group `relation`). */
export const RelationRpc = {
  /** sns/friend_add */
  AddFriends: 'relation.rpc.add-friends',
  /** sns/friend_import (App admin and services) */
  ImportFriends: 'relation.rpc.import-friends',
  /** sns/friend_update */
  UpdateFriends: 'relation.rpc.update-friends',
  /** sns/friend_delete */
  DeleteFriends: 'relation.rpc.delete-friends',
  /** sns/friend_delete_all */
  DeleteAllFriends: 'relation.rpc.delete-all-friends',
  /** sns/friend_check */
  CheckFriends: 'relation.rpc.check-friends',
  /** sns/friend_get (friend_get_all) */
  GetFriends: 'relation.rpc.get-friends',
  /** Incremental pull of the friend table since a sequence (REL-28 a; no REST command). */
  SyncFriends: 'relation.rpc.sync-friends',
  /** sns/friend_get_list */
  GetFriendProfiles: 'relation.rpc.get-friend-profiles',
  /** Find a friend by user ID or exact nickname (REL-30; no REST command). */
  FindFriends: 'relation.rpc.find-friends',
  /** sns/black_list_add */
  AddToBlacklist: 'relation.rpc.add-to-blacklist',
  /** sns/black_list_delete */
  RemoveFromBlacklist: 'relation.rpc.remove-from-blacklist',
  /** sns/black_list_get */
  GetBlacklist: 'relation.rpc.get-blacklist',
  /** sns/black_list_check */
  CheckBlacklist: 'relation.rpc.check-blacklist',
  /** sns/group_add */
  CreateFriendLists: 'relation.rpc.create-friend-lists',
  /** sns/group_delete */
  DeleteFriendLists: 'relation.rpc.delete-friend-lists',
  /** sns/group_get */
  GetFriendLists: 'relation.rpc.get-friend-lists',
  /** Pending requests (no REST command; the client gateway calls these as the user). */
  GetFriendRequests: 'relation.rpc.get-friend-requests',
  AcceptFriendRequest: 'relation.rpc.accept-friend-request',
  RejectFriendRequest: 'relation.rpc.reject-friend-request',
  DeleteFriendRequest: 'relation.rpc.delete-friend-request',
  /** Recommendation buffer (REL-41; no REST command). */
  AddRecommendations: 'relation.rpc.add-recommendations',
  RemoveRecommendations: 'relation.rpc.remove-recommendations',
  GetRecommendations: 'relation.rpc.get-recommendations',
  /** For other services, answered from Redis: are A and B friends, does one block the other. */
  AreFriends: 'relation.rpc.are-friends',
  IsBlacklisted: 'relation.rpc.is-blacklisted',
} as const;

/** Facts the relation service publishes (JetStream stream `RELATION_EVENTS`). */
export const RelationEvt = {
  FriendsAdded: 'relation.evt.friend-added',
  FriendsDeleted: 'relation.evt.friend-deleted',
  FriendsUpdated: 'relation.evt.friend-updated',
  FriendRequestCreated: 'relation.evt.request-created',
  FriendRequestHandled: 'relation.evt.request-handled',
  BlacklistChanged: 'relation.evt.blacklist-changed',
  FriendProfileChanged: 'relation.evt.friend-profile-changed',
  FriendListsChanged: 'relation.evt.friend-lists-changed',
  RecommendationsChanged: 'relation.evt.recommendations-changed',
} as const;
