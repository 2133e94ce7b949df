import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AcceptFriendRequestRequest,
  AddFriendsRequest,
  AddRecommendationsRequest,
  CheckRelationsRequest,
  CreateFriendListsRequest,
  DeleteAllFriendsRequest,
  DeleteFriendListsRequest,
  DeleteFriendRequestRequest,
  DeleteFriendsRequest,
  FindFriendsRequest,
  FriendRequestPairRequest,
  GetBlacklistRequest,
  GetFriendListsRequest,
  GetFriendProfilesRequest,
  GetFriendRequestsRequest,
  GetFriendsRequest,
  ImportFriendsRequest,
  RelationPairRequest,
  RelationRpc,
  RelationUserRequest,
  RelationUsersRequest,
  SyncFriendsRequest,
  UpdateFriendsRequest,
} from '@im/contracts';
import type {
  AcceptFriendRequestReply,
  AreFriendsReply,
  CallerContext,
  CheckRelationsReply,
  CreateFriendListsReply,
  DeleteAllFriendsReply,
  FindFriendsReply,
  FriendListsSequenceReply,
  FriendRequestHandledReply,
  GetBlacklistReply,
  GetFriendListsReply,
  GetFriendProfilesReply,
  GetFriendRequestsReply,
  GetFriendsReply,
  GetRecommendationsReply,
  IsBlacklistedReply,
  RelationResultsReply,
  SyncFriendsReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { BlacklistService } from './blacklist.service';
import { FriendListsService } from './friend-lists.service';
import { FriendRequestsService } from './friend-requests.service';
import { FriendAddService } from './friend-add.service';
import { FriendImportService } from './friend-import.service';
import { FriendsService } from './friends.service';
import { RecommendationsService } from './recommendations.service';
import { RelationChecksService } from './relation-checks.service';

/** NATS handlers: one per subject, each making one service call with the caller. */
@Controller()
export class RelationHandler {
  constructor(
    private readonly friends: FriendsService,
    private readonly friendAdds: FriendAddService,
    private readonly friendImports: FriendImportService,
    private readonly requests: FriendRequestsService,
    private readonly blacklist: BlacklistService,
    private readonly lists: FriendListsService,
    private readonly recommendations: RecommendationsService,
    private readonly relations: RelationChecksService,
  ) {}

  @MessagePattern(RelationRpc.AddFriends)
  addFriends(
    @Payload() req: AddFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.friendAdds.addFriends(caller, req);
  }

  @MessagePattern(RelationRpc.ImportFriends)
  importFriends(
    @Payload() req: ImportFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.friendImports.importFriends(caller, req);
  }

  @MessagePattern(RelationRpc.UpdateFriends)
  updateFriends(
    @Payload() req: UpdateFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.friends.updateFriends(caller, req);
  }

  @MessagePattern(RelationRpc.DeleteFriends)
  deleteFriends(
    @Payload() req: DeleteFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.friends.deleteFriends(caller, req);
  }

  @MessagePattern(RelationRpc.DeleteAllFriends)
  deleteAllFriends(
    @Payload() req: DeleteAllFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<DeleteAllFriendsReply> {
    return this.friends.deleteAllFriends(caller, req);
  }

  @MessagePattern(RelationRpc.CheckFriends)
  checkFriends(
    @Payload() req: CheckRelationsRequest,
    @Caller() caller: CallerContext,
  ): Promise<CheckRelationsReply> {
    return this.friends.checkFriends(caller, req);
  }

  @MessagePattern(RelationRpc.GetFriends)
  getFriends(
    @Payload() req: GetFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetFriendsReply> {
    return this.friends.getFriends(caller, req);
  }

  @MessagePattern(RelationRpc.GetFriendProfiles)
  getFriendProfiles(
    @Payload() req: GetFriendProfilesRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetFriendProfilesReply> {
    return this.friends.getFriendProfiles(caller, req);
  }

  @MessagePattern(RelationRpc.SyncFriends)
  syncFriends(
    @Payload() req: SyncFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<SyncFriendsReply> {
    return this.friends.syncFriends(caller, req);
  }

  @MessagePattern(RelationRpc.FindFriends)
  findFriends(
    @Payload() req: FindFriendsRequest,
    @Caller() caller: CallerContext,
  ): Promise<FindFriendsReply> {
    return this.friends.findFriends(caller, req);
  }

  @MessagePattern(RelationRpc.AddToBlacklist)
  addToBlacklist(
    @Payload() req: RelationUsersRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.blacklist.add(caller, req);
  }

  @MessagePattern(RelationRpc.RemoveFromBlacklist)
  removeFromBlacklist(
    @Payload() req: RelationUsersRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.blacklist.remove(caller, req);
  }

  @MessagePattern(RelationRpc.GetBlacklist)
  getBlacklist(
    @Payload() req: GetBlacklistRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetBlacklistReply> {
    return this.blacklist.get(caller, req);
  }

  @MessagePattern(RelationRpc.CheckBlacklist)
  checkBlacklist(
    @Payload() req: CheckRelationsRequest,
    @Caller() caller: CallerContext,
  ): Promise<CheckRelationsReply> {
    return this.blacklist.check(caller, req);
  }

  @MessagePattern(RelationRpc.CreateFriendLists)
  createFriendLists(
    @Payload() req: CreateFriendListsRequest,
    @Caller() caller: CallerContext,
  ): Promise<CreateFriendListsReply> {
    return this.lists.create(caller, req);
  }

  @MessagePattern(RelationRpc.DeleteFriendLists)
  deleteFriendLists(
    @Payload() req: DeleteFriendListsRequest,
    @Caller() caller: CallerContext,
  ): Promise<FriendListsSequenceReply> {
    return this.lists.delete(caller, req);
  }

  @MessagePattern(RelationRpc.GetFriendLists)
  getFriendLists(
    @Payload() req: GetFriendListsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetFriendListsReply> {
    return this.lists.get(caller, req);
  }

  @MessagePattern(RelationRpc.GetFriendRequests)
  getFriendRequests(
    @Payload() req: GetFriendRequestsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetFriendRequestsReply> {
    return this.requests.list(caller, req);
  }

  @MessagePattern(RelationRpc.AcceptFriendRequest)
  acceptFriendRequest(
    @Payload() req: AcceptFriendRequestRequest,
    @Caller() caller: CallerContext,
  ): Promise<AcceptFriendRequestReply> {
    return this.requests.accept(caller, req);
  }

  @MessagePattern(RelationRpc.RejectFriendRequest)
  rejectFriendRequest(
    @Payload() req: FriendRequestPairRequest,
    @Caller() caller: CallerContext,
  ): Promise<FriendRequestHandledReply> {
    return this.requests.reject(caller, req);
  }

  @MessagePattern(RelationRpc.DeleteFriendRequest)
  deleteFriendRequest(
    @Payload() req: DeleteFriendRequestRequest,
    @Caller() caller: CallerContext,
  ): Promise<FriendRequestHandledReply> {
    return this.requests.delete(caller, req);
  }

  @MessagePattern(RelationRpc.AddRecommendations)
  addRecommendations(
    @Payload() req: AddRecommendationsRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.recommendations.add(caller, req);
  }

  @MessagePattern(RelationRpc.RemoveRecommendations)
  removeRecommendations(
    @Payload() req: RelationUsersRequest,
    @Caller() caller: CallerContext,
  ): Promise<RelationResultsReply> {
    return this.recommendations.remove(caller, req);
  }

  @MessagePattern(RelationRpc.GetRecommendations)
  getRecommendations(
    @Payload() req: RelationUserRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetRecommendationsReply> {
    return this.recommendations.get(caller, req);
  }

  @MessagePattern(RelationRpc.AreFriends)
  areFriends(
    @Payload() req: RelationPairRequest,
    @Caller() caller: CallerContext,
  ): Promise<AreFriendsReply> {
    return this.relations.areFriends(caller, req);
  }

  @MessagePattern(RelationRpc.IsBlacklisted)
  isBlacklisted(
    @Payload() req: RelationPairRequest,
    @Caller() caller: CallerContext,
  ): Promise<IsBlacklistedReply> {
    return this.relations.isBlacklisted(caller, req);
  }
}
