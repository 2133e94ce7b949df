import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AccountRpc,
  CheckAccountsReply,
  DeleteAccountsReply,
  ImportAccountReply,
  ImportAccountRequest,
  ImportAccountsReply,
  ImportAccountsRequest,
  KickAccountReply,
  KickAccountRequest,
  LoginAccountReply,
  LoginAccountRequest,
  QueryOnlineStatusReply,
  NoSpeakingReply,
  QueryOnlineStatusRequest,
  SetNoSpeakingRequest,
  UserIdsRequest,
} from '@im/contracts';
import type { CallerContext } from '@im/contracts';
import { Caller } from '@im/platform';

import { AccountService } from './account.service';
import { NoSpeakingService } from './no-speaking.service';

@Controller()
export class AccountHandler {
  constructor(
    private readonly accounts: AccountService,
    private readonly noSpeaking: NoSpeakingService,
  ) {}

  @MessagePattern(AccountRpc.Import)
  importAccount(
    @Payload() req: ImportAccountRequest,
    @Caller() caller: CallerContext,
  ): Promise<ImportAccountReply> {
    return this.accounts.importAccount(caller, req);
  }

  @MessagePattern(AccountRpc.ImportMany)
  importAccounts(
    @Payload() req: ImportAccountsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ImportAccountsReply> {
    return this.accounts.importAccounts(caller, req.accounts);
  }

  @MessagePattern(AccountRpc.Delete)
  deleteAccounts(
    @Payload() req: UserIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<DeleteAccountsReply> {
    return this.accounts.deleteAccounts(caller, req.userIds);
  }

  @MessagePattern(AccountRpc.Check)
  checkAccounts(
    @Payload() req: UserIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<CheckAccountsReply> {
    return this.accounts.checkAccounts(caller, req.userIds);
  }

  @MessagePattern(AccountRpc.Kick)
  kick(
    @Payload() req: KickAccountRequest,
    @Caller() caller: CallerContext,
  ): Promise<KickAccountReply> {
    return this.accounts.kick(caller, req.userId);
  }

  @MessagePattern(AccountRpc.Login)
  login(
    @Payload() req: LoginAccountRequest,
    @Caller() caller: CallerContext,
  ): Promise<LoginAccountReply> {
    return this.accounts.login(caller, req);
  }

  @MessagePattern(AccountRpc.QueryOnlineStatus)
  queryOnlineStatus(
    @Payload() req: QueryOnlineStatusRequest,
    @Caller() caller: CallerContext,
  ): Promise<QueryOnlineStatusReply> {
    return this.accounts.queryOnlineStatus(caller, req);
  }

  @MessagePattern(AccountRpc.SetNoSpeaking)
  setNoSpeaking(
    @Payload() req: SetNoSpeakingRequest,
    @Caller() caller: CallerContext,
  ): Promise<NoSpeakingReply> {
    return this.noSpeaking.set(caller, req);
  }

  @MessagePattern(AccountRpc.GetNoSpeaking)
  getNoSpeaking(
    @Payload() req: UserIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<NoSpeakingReply> {
    return this.noSpeaking.get(caller, req.userIds);
  }
}
