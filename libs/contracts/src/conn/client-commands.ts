import { AccountRpc } from '../account/account.subjects';
import { GroupRpc } from '../group/group.subjects';
import { MessageRpc } from '../message/message.subjects';
import { ProfileRpc } from '../profile/profile.subjects';
import { PushRpc } from '../push/push.subjects';
import { RelationRpc } from '../relation/relation.subjects';
import type { RpcReplyOf, RpcRequestOf, RpcSubject } from '../subject-map';

/**
 * The client commands a logged-in user may send (docs/protocol.md §7) and the service contract
 * each is forwarded to, the one table both sides use: the gateway
 * forwards by it (apps/conn-gateway), the SDK types `ImClient.command` by it. `self` = the
 * request field naming the acting user, which the gateway fills in when left out.
 */
export const ClientCommands = {
  'account.query-online-status': { subject: AccountRpc.QueryOnlineStatus },

  'msg.send-c2c': { subject: MessageRpc.SendC2c },
  'msg.send-group': { subject: MessageRpc.SendGroup },
  'msg.sync': { subject: MessageRpc.Sync },
  'msg.pull': { subject: MessageRpc.Pull },
  'msg.read': { subject: MessageRpc.Read },
  'msg.recall': { subject: MessageRpc.Recall },
  'msg.send-receipt': { subject: MessageRpc.SendReceipts },
  'msg.get-receipts': { subject: MessageRpc.GetGroupReceipts },
  'msg.get-receipt-members': { subject: MessageRpc.GetGroupReceiptMembers },
  'msg.set-extensions': { subject: MessageRpc.SetExtensions },
  'msg.get-extensions': { subject: MessageRpc.GetExtensions },
  'msg.edit': { subject: MessageRpc.Edit },
  'conv.delete': { subject: MessageRpc.DeleteConversation },
  'conv.pin': { subject: MessageRpc.PinConversation },
  'conv.mark': { subject: MessageRpc.MarkContacts, self: 'userId' },
  'conv.group-create': { subject: MessageRpc.CreateContactGroup, self: 'userId' },
  'conv.group-update': { subject: MessageRpc.UpdateContactGroup, self: 'userId' },
  'conv.group-delete': { subject: MessageRpc.DeleteContactGroups, self: 'userId' },
  'conv.group-get': { subject: MessageRpc.GetContactGroups, self: 'userId' },
  'conv.group-search': { subject: MessageRpc.SearchContactGroups, self: 'userId' },
  'notify.get': { subject: MessageRpc.GetNotifications },

  'profile.get': { subject: ProfileRpc.Get },
  'profile.set': { subject: ProfileRpc.Set, self: 'userId' },

  'friend.add': { subject: RelationRpc.AddFriends, self: 'userId' },
  'friend.update': { subject: RelationRpc.UpdateFriends, self: 'userId' },
  'friend.delete': { subject: RelationRpc.DeleteFriends, self: 'userId' },
  'friend.delete-all': { subject: RelationRpc.DeleteAllFriends, self: 'userId' },
  'friend.check': { subject: RelationRpc.CheckFriends, self: 'userId' },
  'friend.get': { subject: RelationRpc.GetFriends, self: 'userId' },
  'friend.get-profiles': { subject: RelationRpc.GetFriendProfiles, self: 'userId' },
  'friend.sync': { subject: RelationRpc.SyncFriends, self: 'userId' },
  'friend.find': { subject: RelationRpc.FindFriends, self: 'userId' },
  'friend-request.list': { subject: RelationRpc.GetFriendRequests, self: 'userId' },
  'friend-request.accept': { subject: RelationRpc.AcceptFriendRequest, self: 'userId' },
  'friend-request.reject': { subject: RelationRpc.RejectFriendRequest, self: 'userId' },
  'friend-request.delete': { subject: RelationRpc.DeleteFriendRequest, self: 'userId' },
  'friend-list.create': { subject: RelationRpc.CreateFriendLists, self: 'userId' },
  'friend-list.delete': { subject: RelationRpc.DeleteFriendLists, self: 'userId' },
  'friend-list.get': { subject: RelationRpc.GetFriendLists, self: 'userId' },
  'blacklist.add': { subject: RelationRpc.AddToBlacklist, self: 'userId' },
  'blacklist.remove': { subject: RelationRpc.RemoveFromBlacklist, self: 'userId' },
  'blacklist.get': { subject: RelationRpc.GetBlacklist, self: 'userId' },
  'blacklist.check': { subject: RelationRpc.CheckBlacklist, self: 'userId' },
  'recommendation.add': { subject: RelationRpc.AddRecommendations, self: 'userId' },
  'recommendation.remove': { subject: RelationRpc.RemoveRecommendations, self: 'userId' },
  'recommendation.get': { subject: RelationRpc.GetRecommendations, self: 'userId' },

  'officialaccount.subscribe': { subject: GroupRpc.Subscribe, self: 'userId' },
  'officialaccount.unsubscribe': { subject: GroupRpc.Unsubscribe, self: 'userId' },
  'officialaccount.get-subscribed': { subject: GroupRpc.GetSubscribedAccounts, self: 'userId' },
  'officialaccount.get-info': { subject: GroupRpc.GetOfficialAccounts },
  'officialaccount.set-msg-flag': { subject: GroupRpc.SetSubscriberMsgFlag, self: 'userId' },

  'group.create': { subject: GroupRpc.Create },
  'group.get': { subject: GroupRpc.GetInfo },
  'group.modify': { subject: GroupRpc.ModifyInfo },
  'group.destroy': { subject: GroupRpc.Destroy },
  'group.change-owner': { subject: GroupRpc.ChangeOwner },
  'group.search': { subject: GroupRpc.Search },
  'group.join': { subject: GroupRpc.ApplyJoin },
  'group.quit': { subject: GroupRpc.Quit },
  'group.get-joined': { subject: GroupRpc.GetJoined, self: 'userId' },
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
  'group.get-attr': { subject: GroupRpc.GetAttr },
  'group.get-counter': { subject: GroupRpc.GetCounter },
  'group.create-topic': { subject: GroupRpc.CreateTopic },
  'group.get-topics': { subject: GroupRpc.GetTopics },
  'group.modify-topic': { subject: GroupRpc.ModifyTopic },
  'group.destroy-topics': { subject: GroupRpc.DestroyTopics },

  'push.register-device': { subject: PushRpc.RegisterDevice },
  'push.unregister-device': { subject: PushRpc.UnregisterDevice },
} as const satisfies Record<string, { subject: RpcSubject; self?: 'userId' }>;

export type ClientCommandName = keyof typeof ClientCommands;

type SubjectOf<C extends ClientCommandName> = (typeof ClientCommands)[C]['subject'];

/** A command's request; the acting-user field is optional where the gateway fills it in. */
export type ClientCommandRequest<C extends ClientCommandName> = (typeof ClientCommands)[C] extends {
  self: infer F extends string;
}
  ? Omit<RpcRequestOf<SubjectOf<C>>, F> &
      Partial<Pick<RpcRequestOf<SubjectOf<C>>, F & keyof RpcRequestOf<SubjectOf<C>>>>
  : RpcRequestOf<SubjectOf<C>>;

export type ClientCommandReply<C extends ClientCommandName> = RpcReplyOf<SubjectOf<C>>;
