import type { Rpc } from '../common';
import type { EmptyReply } from '../message/empty.reply';
import type { CreateOfficialAccountRequest } from './create-official-account.request';
import type { GetOfficialAccountsRequest } from './get-official-accounts.request';
import type { GetSubscribedAccountsRequest } from './get-subscribed-accounts.request';
import type { GetSubscribersRequest } from './get-subscribers.request';
import type { ModifyOfficialAccountRequest } from './modify-official-account.request';
import type { ModifySubscriberRequest } from './modify-subscriber.request';
import type { OfficialAccountIdRequest } from './official-account-id.request';
import type {
  CreateOfficialAccountReply,
  OfficialAccountsReply,
  SubscribedAccountsReply,
  SubscriberResultsReply,
  SubscribersPageReply,
} from './official-account.replies';
import type { OfficialAccountSubscribersRequest } from './official-account-subscribers.request';
import type { SubscribeOfficialAccountRequest } from './subscribe-official-account.request';
import type { AddMembersRequest } from './add-members.request';
import type { AllocateMsgSeqReply } from './allocate-msg-seq.reply';
import type { AllocateMsgSeqRequest } from './allocate-msg-seq.request';
import type { ApplyJoinReply } from './apply-join.reply';
import type { ApplyJoinRequest } from './apply-join.request';
import type { ChangeOwnerRequest } from './change-owner.request';
import type { CreateGroupReply } from './create-group.reply';
import type { CreateGroupRequest } from './create-group.request';
import type { DeliveryMembersReply } from './delivery-members.reply';
import type { GetDeliveryMembersRequest } from './get-delivery-members.request';
import type { GetGroupsReply } from './get-groups.reply';
import type { GetGroupsRequest } from './get-groups.request';
import type { GetJoinRequestsReply } from './get-join-requests.reply';
import type { GetJoinedReply } from './get-joined.reply';
import type { GetJoinedRequest } from './get-joined.request';
import type { GetMembersReply } from './get-members.reply';
import type { GetMembersRequest } from './get-members.request';
import type { GetMutedReply } from './get-muted.reply';
import type { GetRolesReply } from './get-roles.reply';
import type { GetRolesRequest } from './get-roles.request';
import type { GetSendContextRequest } from './get-send-context.request';
import type { GetTypeCapabilitiesRequest } from './get-type-capabilities.request';
import type { GroupAckReply } from './group-ack.reply';
import type { GroupAttrChangedEvent } from './group-attr-changed.event';
import type { OfficialAccountInfoChangedEvent } from './official-account-info-changed.event';
import type { OfficialAccountSubscriptionEvent } from './official-account-subscription.event';
import type { GroupAttrReply } from './group-attr.reply';
import type { BanMembersRequest } from './ban-members.request';
import type { GetBannedReply } from './get-banned.reply';
import type { GetBannedRequest } from './get-banned.request';
import type { CheckRoomMembersReply } from './check-room-members.reply';
import type { CheckRoomMembersRequest } from './check-room-members.request';
import type { GetRoomMembersReply } from './get-room-members.reply';
import type { ModifyRoomAdminsRequest } from './modify-room-admins.request';
import type {
  ModifyRoomMemberMarksReply,
  ModifyRoomMemberMarksRequest,
} from './modify-room-member-marks.request';
import type { RoomAdminsReply } from './room-admins.reply';
import type { GetRoomMembersRequest } from './get-room-members.request';
import type { MemberBannedEvent } from './member-banned.event';
import type { MemberUnbannedEvent } from './member-unbanned.event';
import type { UnbanMembersRequest } from './unban-members.request';
import type { GroupCounterChangedEvent } from './group-counter-changed.event';
import type { GroupCounterKeysRequest } from './group-counter-keys.request';
import type { GroupCounterReply } from './group-counter.reply';
import type { GroupActivatedEvent } from './group-activated.event';
import type { GroupCreatedEvent } from './group-created.event';
import type { GroupDestroyedEvent } from './group-destroyed.event';
import type { GroupIdRequest } from './group-id.request';
import type { GroupInfoChangedEvent } from './group-info-changed.event';
import type { HandleJoinRequestRequest } from './handle-join-request.request';
import type { ImportGroupRequest } from './import-group.request';
import type { ImportMembersRequest } from './import-members.request';
import type { JoinRequestHandledEvent } from './join-request-handled.event';
import type { JoinRequestedEvent } from './join-requested.event';
import type { ListAppGroupsReply } from './list-app-groups.reply';
import type { ListAppGroupsRequest } from './list-app-groups.request';
import type { MemberInfoChangedEvent } from './member-info-changed.event';
import type { MemberJoinedEvent } from './member-joined.event';
import type { MemberKickedEvent } from './member-kicked.event';
import type { MemberLeftEvent } from './member-left.event';
import type { MemberMutedEvent } from './member-muted.event';
import type { MemberResultsReply } from './member-results.reply';
import type { ModifyGroupReply } from './modify-group.reply';
import type { ModifyGroupRequest } from './modify-group.request';
import type { ModifyMemberRequest } from './modify-member.request';
import type { MuteMembersReply } from './mute-members.reply';
import type { MuteMembersRequest } from './mute-members.request';
import type { OnlineCountReply } from './online-count.reply';
import type { OwnerChangedEvent } from './owner-changed.event';
import type { RemoveMembersRequest } from './remove-members.request';
import type { RoleChangedEvent } from './role-changed.event';
import type { SearchGroupReply } from './search-group.reply';
import type { SendContextReply } from './send-context.reply';
import type { SetReadSeqReply } from './set-read-seq.reply';
import type { SetReadSeqRequest } from './set-read-seq.request';
import type { TypeCapabilitiesReply } from './type-capabilities.reply';
import type { UpdateGroupCounterRequest } from './update-group-counter.request';
import type { WriteGroupAttrRequest } from './write-group-attr.request';
import { GroupEvt, GroupRpc } from './group.subjects';

/** The group service's request/reply subjects with their types. */
export interface GroupRpcMap {
  [GroupRpc.CreateOfficialAccount]: Rpc<CreateOfficialAccountRequest, CreateOfficialAccountReply>;
  [GroupRpc.GetOfficialAccounts]: Rpc<GetOfficialAccountsRequest, OfficialAccountsReply>;
  [GroupRpc.ModifyOfficialAccount]: Rpc<ModifyOfficialAccountRequest, EmptyReply>;
  [GroupRpc.DestroyOfficialAccount]: Rpc<OfficialAccountIdRequest, EmptyReply>;
  [GroupRpc.AddSubscribers]: Rpc<OfficialAccountSubscribersRequest, SubscriberResultsReply>;
  [GroupRpc.DeleteSubscribers]: Rpc<OfficialAccountSubscribersRequest, SubscriberResultsReply>;
  [GroupRpc.ModifySubscriber]: Rpc<ModifySubscriberRequest, EmptyReply>;
  [GroupRpc.GetSubscribers]: Rpc<GetSubscribersRequest, SubscribersPageReply>;
  [GroupRpc.GetSubscribedAccounts]: Rpc<GetSubscribedAccountsRequest, SubscribedAccountsReply>;
  [GroupRpc.Subscribe]: Rpc<SubscribeOfficialAccountRequest, SubscriberResultsReply>;
  [GroupRpc.Unsubscribe]: Rpc<SubscribeOfficialAccountRequest, SubscriberResultsReply>;
  [GroupRpc.Create]: Rpc<CreateGroupRequest, CreateGroupReply>;
  [GroupRpc.Import]: Rpc<ImportGroupRequest, CreateGroupReply>;
  [GroupRpc.GetInfo]: Rpc<GetGroupsRequest, GetGroupsReply>;
  [GroupRpc.ModifyInfo]: Rpc<ModifyGroupRequest, ModifyGroupReply>;
  [GroupRpc.Destroy]: Rpc<GroupIdRequest, GroupAckReply>;
  [GroupRpc.ChangeOwner]: Rpc<ChangeOwnerRequest, GroupAckReply>;
  [GroupRpc.ListAppGroups]: Rpc<ListAppGroupsRequest, ListAppGroupsReply>;
  [GroupRpc.Search]: Rpc<GroupIdRequest, SearchGroupReply>;
  [GroupRpc.GetMembers]: Rpc<GetMembersRequest, GetMembersReply>;
  [GroupRpc.AddMembers]: Rpc<AddMembersRequest, MemberResultsReply>;
  [GroupRpc.ImportMembers]: Rpc<ImportMembersRequest, MemberResultsReply>;
  [GroupRpc.RemoveMembers]: Rpc<RemoveMembersRequest, GroupAckReply>;
  [GroupRpc.ModifyMember]: Rpc<ModifyMemberRequest, GroupAckReply>;
  [GroupRpc.MuteMembers]: Rpc<MuteMembersRequest, MuteMembersReply>;
  [GroupRpc.GetMuted]: Rpc<GroupIdRequest, GetMutedReply>;
  [GroupRpc.GetRoles]: Rpc<GetRolesRequest, GetRolesReply>;
  [GroupRpc.GetJoined]: Rpc<GetJoinedRequest, GetJoinedReply>;
  [GroupRpc.GetOnlineCount]: Rpc<GroupIdRequest, OnlineCountReply>;
  [GroupRpc.GetAttr]: Rpc<GroupIdRequest, GroupAttrReply>;
  [GroupRpc.WriteAttr]: Rpc<WriteGroupAttrRequest, GroupAckReply>;
  [GroupRpc.GetCounter]: Rpc<GroupCounterKeysRequest, GroupCounterReply>;
  [GroupRpc.UpdateCounter]: Rpc<UpdateGroupCounterRequest, GroupCounterReply>;
  [GroupRpc.DeleteCounter]: Rpc<GroupCounterKeysRequest, GroupAckReply>;
  [GroupRpc.BanMembers]: Rpc<BanMembersRequest, GroupAckReply>;
  [GroupRpc.UnbanMembers]: Rpc<UnbanMembersRequest, GroupAckReply>;
  [GroupRpc.GetBanned]: Rpc<GetBannedRequest, GetBannedReply>;
  [GroupRpc.GetRoomMembers]: Rpc<GetRoomMembersRequest, GetRoomMembersReply>;
  [GroupRpc.CheckRoomMembers]: Rpc<CheckRoomMembersRequest, CheckRoomMembersReply>;
  [GroupRpc.ModifyRoomAdmins]: Rpc<ModifyRoomAdminsRequest, GroupAckReply>;
  [GroupRpc.ModifyRoomMemberMarks]: Rpc<ModifyRoomMemberMarksRequest, ModifyRoomMemberMarksReply>;
  [GroupRpc.GetRoomAdmins]: Rpc<GroupIdRequest, RoomAdminsReply>;
  [GroupRpc.Quit]: Rpc<GroupIdRequest, GroupAckReply>;
  [GroupRpc.ApplyJoin]: Rpc<ApplyJoinRequest, ApplyJoinReply>;
  [GroupRpc.HandleJoinRequest]: Rpc<HandleJoinRequestRequest, GroupAckReply>;
  [GroupRpc.GetJoinRequests]: Rpc<GroupIdRequest, GetJoinRequestsReply>;
  [GroupRpc.GetSendContext]: Rpc<GetSendContextRequest, SendContextReply>;
  [GroupRpc.GetDeliveryMembers]: Rpc<GetDeliveryMembersRequest, DeliveryMembersReply>;
  [GroupRpc.GetTypeCapabilities]: Rpc<GetTypeCapabilitiesRequest, TypeCapabilitiesReply>;
  [GroupRpc.AllocateMsgSeq]: Rpc<AllocateMsgSeqRequest, AllocateMsgSeqReply>;
  [GroupRpc.SetReadSeq]: Rpc<SetReadSeqRequest, SetReadSeqReply>;
}

/** The group service's events with their types. */
export interface GroupEventMap {
  [GroupEvt.Created]: GroupCreatedEvent;
  [GroupEvt.InfoChanged]: GroupInfoChangedEvent;
  [GroupEvt.MemberJoined]: MemberJoinedEvent;
  [GroupEvt.MemberLeft]: MemberLeftEvent;
  [GroupEvt.MemberKicked]: MemberKickedEvent;
  [GroupEvt.RoleChanged]: RoleChangedEvent;
  [GroupEvt.MemberMuted]: MemberMutedEvent;
  [GroupEvt.MemberInfoChanged]: MemberInfoChangedEvent;
  [GroupEvt.OwnerChanged]: OwnerChangedEvent;
  [GroupEvt.Destroyed]: GroupDestroyedEvent;
  [GroupEvt.JoinRequested]: JoinRequestedEvent;
  [GroupEvt.JoinRequestHandled]: JoinRequestHandledEvent;
  [GroupEvt.Activated]: GroupActivatedEvent;
  [GroupEvt.AttrChanged]: GroupAttrChangedEvent;
  [GroupEvt.CounterChanged]: GroupCounterChangedEvent;
  [GroupEvt.MemberBanned]: MemberBannedEvent;
  [GroupEvt.MemberUnbanned]: MemberUnbannedEvent;
  [GroupEvt.OfficialAccountSubscribed]: OfficialAccountSubscriptionEvent;
  [GroupEvt.OfficialAccountUnsubscribed]: OfficialAccountSubscriptionEvent;
  [GroupEvt.OfficialAccountInfoChanged]: OfficialAccountInfoChangedEvent;
  [GroupEvt.OfficialAccountDestroyed]: OfficialAccountSubscriptionEvent;
}
