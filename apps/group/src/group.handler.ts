import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AddMembersRequest,
  AllocateMsgSeqRequest,
  ApplyJoinRequest,
  BanMembersRequest,
  ChangeOwnerRequest,
  CheckRoomMembersRequest,
  CreateGroupRequest,
  GetBannedRequest,
  GetDeliveryMembersRequest,
  GetRoomMembersRequest,
  GetGroupsRequest,
  GetJoinedRequest,
  GetMembersRequest,
  GetRolesRequest,
  GetSendContextRequest,
  GetTypeCapabilitiesRequest,
  GroupCounterKeysRequest,
  GroupIdRequest,
  GroupRpc,
  HandleJoinRequestRequest,
  ImportGroupRequest,
  ImportMembersRequest,
  ListAppGroupsRequest,
  ModifyGroupRequest,
  ModifyMemberRequest,
  ModifyRoomAdminsRequest,
  ModifyRoomMemberMarksRequest,
  MuteMembersRequest,
  RemoveMembersRequest,
  SetReadSeqRequest,
  UnbanMembersRequest,
  UpdateGroupCounterRequest,
  WriteGroupAttrRequest,
} from '@im/contracts';
import type {
  AllocateMsgSeqReply,
  ApplyJoinReply,
  CallerContext,
  CheckRoomMembersReply,
  ModifyRoomMemberMarksReply,
  CreateGroupReply,
  DeliveryMembersReply,
  GetBannedReply,
  GetRoomMembersReply,
  GetGroupsReply,
  GetJoinedReply,
  GetJoinRequestsReply,
  GetMembersReply,
  GetMutedReply,
  GetRolesReply,
  GroupAckReply,
  GroupAttrReply,
  GroupCounterReply,
  ListAppGroupsReply,
  MemberResultsReply,
  ModifyGroupReply,
  MuteMembersReply,
  OnlineCountReply,
  RoomAdminsReply,
  SearchGroupReply,
  SendContextReply,
  SetReadSeqReply,
  TypeCapabilitiesReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { GroupApplicationsService } from './group-applications.service';
import { GroupAttrService } from './group-attr.service';
import { GroupBanService } from './group-ban.service';
import { GroupCounterService } from './group-counter.service';
import { GroupLookupService } from './group-lookup.service';
import { GroupMemberInfoService } from './group-member-info.service';
import { GroupMembershipService } from './group-membership.service';
import { GroupMessagingService } from './group-messaging.service';
import { MemberImportService } from './member-import.service';
import { GroupService } from './group.service';
import { RoomAdminService } from './room-admin.service';

/** NATS handlers: one subject each, a validated payload and the caller, one service call. */
@Controller()
export class GroupHandler {
  constructor(
    private readonly groups: GroupService,
    private readonly lookup: GroupLookupService,
    private readonly membership: GroupMembershipService,
    private readonly applications: GroupApplicationsService,
    private readonly memberInfo: GroupMemberInfoService,
    private readonly messaging: GroupMessagingService,
    private readonly imports: MemberImportService,
    private readonly attrs: GroupAttrService,
    private readonly counters: GroupCounterService,
    private readonly bans: GroupBanService,
    private readonly roomAdmin: RoomAdminService,
  ) {}

  @MessagePattern(GroupRpc.Create)
  create(
    @Payload() req: CreateGroupRequest,
    @Caller() caller: CallerContext,
  ): Promise<CreateGroupReply> {
    return this.groups.create(caller, req);
  }

  @MessagePattern(GroupRpc.Import)
  importGroup(
    @Payload() req: ImportGroupRequest,
    @Caller() caller: CallerContext,
  ): Promise<CreateGroupReply> {
    return this.groups.importGroup(caller, req);
  }

  @MessagePattern(GroupRpc.GetInfo)
  getInfo(
    @Payload() req: GetGroupsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetGroupsReply> {
    return this.lookup.getInfo(caller, req);
  }

  @MessagePattern(GroupRpc.ModifyInfo)
  modifyInfo(
    @Payload() req: ModifyGroupRequest,
    @Caller() caller: CallerContext,
  ): Promise<ModifyGroupReply> {
    return this.groups.modifyInfo(caller, req);
  }

  @MessagePattern(GroupRpc.Destroy)
  destroy(@Payload() req: GroupIdRequest, @Caller() caller: CallerContext): Promise<GroupAckReply> {
    return this.groups.destroy(caller, req);
  }

  @MessagePattern(GroupRpc.ChangeOwner)
  changeOwner(
    @Payload() req: ChangeOwnerRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.groups.changeOwner(caller, req);
  }

  @MessagePattern(GroupRpc.ListAppGroups)
  listAppGroups(
    @Payload() req: ListAppGroupsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ListAppGroupsReply> {
    return this.lookup.listAppGroups(caller, req);
  }

  @MessagePattern(GroupRpc.Search)
  search(
    @Payload() req: GroupIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<SearchGroupReply> {
    return this.lookup.search(caller, req);
  }

  @MessagePattern(GroupRpc.GetTypeCapabilities)
  getTypeCapabilities(
    @Payload() req: GetTypeCapabilitiesRequest,
    @Caller() caller: CallerContext,
  ): Promise<TypeCapabilitiesReply> {
    return this.lookup.getTypeCapabilities(caller, req);
  }

  @MessagePattern(GroupRpc.GetMembers)
  getMembers(
    @Payload() req: GetMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetMembersReply> {
    return this.memberInfo.getMembers(caller, req);
  }

  @MessagePattern(GroupRpc.AddMembers)
  addMembers(
    @Payload() req: AddMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<MemberResultsReply> {
    return this.membership.addMembers(caller, req);
  }

  @MessagePattern(GroupRpc.ImportMembers)
  importMembers(
    @Payload() req: ImportMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<MemberResultsReply> {
    return this.imports.importMembers(caller, req);
  }

  @MessagePattern(GroupRpc.RemoveMembers)
  removeMembers(
    @Payload() req: RemoveMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.membership.removeMembers(caller, req);
  }

  @MessagePattern(GroupRpc.Quit)
  quit(@Payload() req: GroupIdRequest, @Caller() caller: CallerContext): Promise<GroupAckReply> {
    return this.membership.quit(caller, req);
  }

  @MessagePattern(GroupRpc.ModifyMember)
  modifyMember(
    @Payload() req: ModifyMemberRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.memberInfo.modifyMember(caller, req);
  }

  @MessagePattern(GroupRpc.MuteMembers)
  muteMembers(
    @Payload() req: MuteMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<MuteMembersReply> {
    return this.memberInfo.muteMembers(caller, req);
  }

  @MessagePattern(GroupRpc.GetMuted)
  getMuted(
    @Payload() req: GroupIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetMutedReply> {
    return this.memberInfo.getMuted(caller, req);
  }

  @MessagePattern(GroupRpc.GetRoles)
  getRoles(
    @Payload() req: GetRolesRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetRolesReply> {
    return this.memberInfo.getRoles(caller, req);
  }

  @MessagePattern(GroupRpc.GetJoined)
  getJoined(
    @Payload() req: GetJoinedRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetJoinedReply> {
    return this.memberInfo.getJoined(caller, req);
  }

  @MessagePattern(GroupRpc.GetOnlineCount)
  getOnlineCount(
    @Payload() req: GroupIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<OnlineCountReply> {
    return this.memberInfo.getOnlineCount(caller, req);
  }

  @MessagePattern(GroupRpc.ApplyJoin)
  applyJoin(
    @Payload() req: ApplyJoinRequest,
    @Caller() caller: CallerContext,
  ): Promise<ApplyJoinReply> {
    return this.applications.applyJoin(caller, req);
  }

  @MessagePattern(GroupRpc.HandleJoinRequest)
  handleJoinRequest(
    @Payload() req: HandleJoinRequestRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.applications.handleJoinRequest(caller, req);
  }

  @MessagePattern(GroupRpc.GetJoinRequests)
  getJoinRequests(
    @Payload() req: GroupIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetJoinRequestsReply> {
    return this.applications.getJoinRequests(caller, req);
  }

  @MessagePattern(GroupRpc.GetSendContext)
  getSendContext(
    @Payload() req: GetSendContextRequest,
    @Caller() caller: CallerContext,
  ): Promise<SendContextReply> {
    return this.messaging.getSendContext(caller, req);
  }

  @MessagePattern(GroupRpc.GetDeliveryMembers)
  getDeliveryMembers(
    @Payload() req: GetDeliveryMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<DeliveryMembersReply> {
    return this.messaging.getDeliveryMembers(caller, req);
  }

  @MessagePattern(GroupRpc.AllocateMsgSeq)
  allocateMsgSeq(
    @Payload() req: AllocateMsgSeqRequest,
    @Caller() caller: CallerContext,
  ): Promise<AllocateMsgSeqReply> {
    return this.messaging.allocateMsgSeq(caller, req);
  }

  @MessagePattern(GroupRpc.SetReadSeq)
  setReadSeq(
    @Payload() req: SetReadSeqRequest,
    @Caller() caller: CallerContext,
  ): Promise<SetReadSeqReply> {
    return this.messaging.setReadSeq(caller, req);
  }

  @MessagePattern(GroupRpc.GetAttr)
  getAttr(
    @Payload() req: GroupIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAttrReply> {
    return this.attrs.get(caller, req);
  }

  @MessagePattern(GroupRpc.WriteAttr)
  writeAttr(
    @Payload() req: WriteGroupAttrRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.attrs.write(caller, req);
  }

  @MessagePattern(GroupRpc.GetCounter)
  getCounter(
    @Payload() req: GroupCounterKeysRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupCounterReply> {
    return this.counters.get(caller, req);
  }

  @MessagePattern(GroupRpc.UpdateCounter)
  updateCounter(
    @Payload() req: UpdateGroupCounterRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupCounterReply> {
    return this.counters.update(caller, req);
  }

  @MessagePattern(GroupRpc.DeleteCounter)
  deleteCounter(
    @Payload() req: GroupCounterKeysRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.counters.delete(caller, req);
  }

  @MessagePattern(GroupRpc.BanMembers)
  banMembers(
    @Payload() req: BanMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.bans.ban(caller, req);
  }

  @MessagePattern(GroupRpc.UnbanMembers)
  unbanMembers(
    @Payload() req: UnbanMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.bans.unban(caller, req);
  }

  @MessagePattern(GroupRpc.GetBanned)
  getBanned(
    @Payload() req: GetBannedRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetBannedReply> {
    return this.bans.list(caller, req);
  }

  @MessagePattern(GroupRpc.GetRoomMembers)
  getRoomMembers(
    @Payload() req: GetRoomMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetRoomMembersReply> {
    return this.roomAdmin.getMembers(caller, req);
  }

  @MessagePattern(GroupRpc.CheckRoomMembers)
  checkRoomMembers(
    @Payload() req: CheckRoomMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<CheckRoomMembersReply> {
    return this.roomAdmin.checkMembers(caller, req);
  }

  @MessagePattern(GroupRpc.ModifyRoomAdmins)
  modifyRoomAdmins(
    @Payload() req: ModifyRoomAdminsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupAckReply> {
    return this.roomAdmin.modifyAdmins(caller, req);
  }

  @MessagePattern(GroupRpc.ModifyRoomMemberMarks)
  modifyRoomMemberMarks(
    @Payload() req: ModifyRoomMemberMarksRequest,
    @Caller() caller: CallerContext,
  ): Promise<ModifyRoomMemberMarksReply> {
    return this.roomAdmin.modifyMarks(caller, req);
  }

  @MessagePattern(GroupRpc.GetRoomAdmins)
  getRoomAdmins(
    @Payload() req: GroupIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<RoomAdminsReply> {
    return this.roomAdmin.getAdmins(caller, req);
  }
}
