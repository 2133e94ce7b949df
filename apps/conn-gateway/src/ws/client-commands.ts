import { AccountRpc, GroupRpc, MessageRpc, ProfileRpc, PushRpc, RelationRpc } from '@im/contracts';
import type { RpcSubject } from '@im/contracts';

/** How the gateway forwards one client command (docs/protocol.md §7). */
export interface ClientCommand {
  /** The service subject, called with the logged-in user as caller (role `user`). */
  subject: RpcSubject;
  /**
   * A request field that names the acting user (`userId` of the relation and profile
   * contracts): filled in with the caller when the client leaves it out. A client that names
   * someone else is refused by the service, not here.
   */
  selfField?: string;
}

/**
 * Commands a logged-in user may send and the service subject each is forwarded to; the
 * services apply their own rules (a user acts only as itself). Services add rows here when
 * they gain a client-facing contract. `login`, `logout`, `room.join` and `room.leave` are the
 * gateway's own.
 */
export const CLIENT_COMMANDS: Readonly<Record<string, ClientCommand>> = {
  'account.query-online-status': { subject: AccountRpc.QueryOnlineStatus },

  // messages (apps/message)
  'msg.send-c2c': { subject: MessageRpc.SendC2c },
  'msg.send-group': { subject: MessageRpc.SendGroup },
  'msg.sync': { subject: MessageRpc.Sync },
  'msg.pull': { subject: MessageRpc.Pull },
  'msg.read': { subject: MessageRpc.Read },
  'msg.recall': { subject: MessageRpc.Recall },
  'msg.edit': { subject: MessageRpc.Edit },
  'conv.delete': { subject: MessageRpc.DeleteConversation },
  'notify.get': { subject: MessageRpc.GetNotifications },

  // profile (apps/profile)
  'profile.get': { subject: ProfileRpc.Get },
  'profile.set': { subject: ProfileRpc.Set, selfField: 'userId' },

  // relation chain (apps/relation)
  'friend.add': { subject: RelationRpc.AddFriends, selfField: 'userId' },
  'friend.update': { subject: RelationRpc.UpdateFriends, selfField: 'userId' },
  'friend.delete': { subject: RelationRpc.DeleteFriends, selfField: 'userId' },
  'friend.delete-all': { subject: RelationRpc.DeleteAllFriends, selfField: 'userId' },
  'friend.check': { subject: RelationRpc.CheckFriends, selfField: 'userId' },
  'friend.get': { subject: RelationRpc.GetFriends, selfField: 'userId' },
  'friend.get-profiles': { subject: RelationRpc.GetFriendProfiles, selfField: 'userId' },
  'friend.sync': { subject: RelationRpc.SyncFriends, selfField: 'userId' },
  'friend.find': { subject: RelationRpc.FindFriends, selfField: 'userId' },
  'friend-request.list': { subject: RelationRpc.GetFriendRequests, selfField: 'userId' },
  'friend-request.accept': { subject: RelationRpc.AcceptFriendRequest, selfField: 'userId' },
  'friend-request.reject': { subject: RelationRpc.RejectFriendRequest, selfField: 'userId' },
  'friend-request.delete': { subject: RelationRpc.DeleteFriendRequest, selfField: 'userId' },
  'friend-list.create': { subject: RelationRpc.CreateFriendLists, selfField: 'userId' },
  'friend-list.delete': { subject: RelationRpc.DeleteFriendLists, selfField: 'userId' },
  'friend-list.get': { subject: RelationRpc.GetFriendLists, selfField: 'userId' },
  'blacklist.add': { subject: RelationRpc.AddToBlacklist, selfField: 'userId' },
  'blacklist.remove': { subject: RelationRpc.RemoveFromBlacklist, selfField: 'userId' },
  'blacklist.get': { subject: RelationRpc.GetBlacklist, selfField: 'userId' },
  'blacklist.check': { subject: RelationRpc.CheckBlacklist, selfField: 'userId' },
  'recommendation.add': { subject: RelationRpc.AddRecommendations, selfField: 'userId' },
  'recommendation.remove': { subject: RelationRpc.RemoveRecommendations, selfField: 'userId' },
  'recommendation.get': { subject: RelationRpc.GetRecommendations, selfField: 'userId' },

  // groups (apps/group); live rooms are joined with room.join
  'group.create': { subject: GroupRpc.Create },
  'group.get': { subject: GroupRpc.GetInfo },
  'group.modify': { subject: GroupRpc.ModifyInfo },
  'group.destroy': { subject: GroupRpc.Destroy },
  'group.change-owner': { subject: GroupRpc.ChangeOwner },
  'group.search': { subject: GroupRpc.Search },
  'group.join': { subject: GroupRpc.ApplyJoin },
  'group.quit': { subject: GroupRpc.Quit },
  'group.get-joined': { subject: GroupRpc.GetJoined, selfField: 'userId' },
  'group.get-members': { subject: GroupRpc.GetMembers },
  'group.add-members': { subject: GroupRpc.AddMembers },
  'group.remove-members': { subject: GroupRpc.RemoveMembers },
  'group.modify-member': { subject: GroupRpc.ModifyMember },
  'group.mute-members': { subject: GroupRpc.MuteMembers },
  'group.get-muted': { subject: GroupRpc.GetMuted },
  'group.get-roles': { subject: GroupRpc.GetRoles },
  'group.get-online-count': { subject: GroupRpc.GetOnlineCount },
  'group.join-requests': { subject: GroupRpc.GetJoinRequests },
  'group.handle-join-request': { subject: GroupRpc.HandleJoinRequest },

  // offline-push device tokens (apps/push); the token belongs to the caller
  'push.register-device': { subject: PushRpc.RegisterDevice },
  'push.unregister-device': { subject: PushRpc.UnregisterDevice },
};
