import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  CreateOfficialAccountRequest,
  GetOfficialAccountsRequest,
  GetSubscribedAccountsRequest,
  GetSubscribersRequest,
  GroupRpc,
  ModifyOfficialAccountRequest,
  ModifySubscriberRequest,
  SetSubscriberMsgFlagRequest,
  OfficialAccountIdRequest,
  OfficialAccountSubscribersRequest,
  SubscribeOfficialAccountRequest,
} from '@im/contracts';
import type {
  CallerContext,
  CreateOfficialAccountReply,
  EmptyReply,
  OfficialAccountsReply,
  SubscribedAccountsReply,
  SubscriberResultsReply,
  SubscribersPageReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { OfficialAccountService } from './official-account.service';

@Controller()
export class OfficialAccountHandler {
  constructor(private readonly officialAccounts: OfficialAccountService) {}

  @MessagePattern(GroupRpc.CreateOfficialAccount)
  create(
    @Payload() req: CreateOfficialAccountRequest,
    @Caller() caller: CallerContext,
  ): Promise<CreateOfficialAccountReply> {
    return this.officialAccounts.create(caller, req);
  }

  @MessagePattern(GroupRpc.GetOfficialAccounts)
  get(
    @Payload() req: GetOfficialAccountsRequest,
    @Caller() caller: CallerContext,
  ): Promise<OfficialAccountsReply> {
    return this.officialAccounts.get(caller, req);
  }

  @MessagePattern(GroupRpc.ModifyOfficialAccount)
  modify(
    @Payload() req: ModifyOfficialAccountRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    return this.officialAccounts.modify(caller, req);
  }

  @MessagePattern(GroupRpc.DestroyOfficialAccount)
  destroy(
    @Payload() req: OfficialAccountIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    return this.officialAccounts.destroy(caller, req.officialAccountId);
  }

  @MessagePattern(GroupRpc.AddSubscribers)
  addSubscribers(
    @Payload() req: OfficialAccountSubscribersRequest,
    @Caller() caller: CallerContext,
  ): Promise<SubscriberResultsReply> {
    return this.officialAccounts.addSubscribers(caller, req.officialAccountId, req.userIds);
  }

  @MessagePattern(GroupRpc.DeleteSubscribers)
  deleteSubscribers(
    @Payload() req: OfficialAccountSubscribersRequest,
    @Caller() caller: CallerContext,
  ): Promise<SubscriberResultsReply> {
    return this.officialAccounts.deleteSubscribers(caller, req.officialAccountId, req.userIds);
  }

  @MessagePattern(GroupRpc.ModifySubscriber)
  modifySubscriber(
    @Payload() req: ModifySubscriberRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    return this.officialAccounts.modifySubscriber(caller, req);
  }

  @MessagePattern(GroupRpc.GetSubscribers)
  getSubscribers(
    @Payload() req: GetSubscribersRequest,
    @Caller() caller: CallerContext,
  ): Promise<SubscribersPageReply> {
    return this.officialAccounts.getSubscribers(caller, req);
  }

  @MessagePattern(GroupRpc.GetSubscribedAccounts)
  getSubscribed(
    @Payload() req: GetSubscribedAccountsRequest,
    @Caller() caller: CallerContext,
  ): Promise<SubscribedAccountsReply> {
    return this.officialAccounts.getSubscribed(caller, req);
  }

  @MessagePattern(GroupRpc.Subscribe)
  subscribe(
    @Payload() req: SubscribeOfficialAccountRequest,
    @Caller() caller: CallerContext,
  ): Promise<SubscriberResultsReply> {
    return this.officialAccounts.subscribe(caller, req.officialAccountId, req.userId);
  }

  @MessagePattern(GroupRpc.SetSubscriberMsgFlag)
  setMsgFlag(
    @Payload() req: SetSubscriberMsgFlagRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    return this.officialAccounts.setMsgFlag(caller, req);
  }

  @MessagePattern(GroupRpc.Unsubscribe)
  unsubscribe(
    @Payload() req: SubscribeOfficialAccountRequest,
    @Caller() caller: CallerContext,
  ): Promise<SubscriberResultsReply> {
    return this.officialAccounts.unsubscribe(caller, req.officialAccountId, req.userId);
  }
}
