import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AccountRpc,
  AppReply,
  EnsureFirstOperatorReply,
  EnsureFirstOperatorRequest,
  OperatorAppPageReply,
  OperatorAppRequest,
  OperatorAppSummary,
  OperatorAuditPageReply,
  OperatorCallRequest,
  OperatorCallbacksView,
  OperatorAppSettingsView,
  OperatorSetCallbacksRequest,
  OperatorSetAppSettingsRequest,
  OperatorCheckRequest,
  OperatorCreateAppRequest,
  OperatorLoginReply,
  OperatorLoginRequest,
  OperatorPageRequest,
  OperatorRecordRequest,
  OperatorSessionReply,
  OperatorSetAppFeaturesRequest,
} from '@im/contracts';
import type { RequestMeta } from '@im/contracts';
import { Meta } from '@im/platform';

import { OperatorService } from './operator.service';

/** The console's subjects (api-gateway) and the launcher's first operator. */
@Controller()
export class OperatorHandler {
  constructor(private readonly operators: OperatorService) {}

  @MessagePattern(AccountRpc.EnsureFirstOperator)
  ensureFirstOperator(
    @Payload() req: EnsureFirstOperatorRequest,
    @Meta() meta: RequestMeta,
  ): Promise<EnsureFirstOperatorReply> {
    return this.operators.ensureFirstOperator(meta, req.username);
  }

  @MessagePattern(AccountRpc.OperatorLogin)
  login(@Payload() req: OperatorLoginRequest): Promise<OperatorLoginReply> {
    return this.operators.login(req);
  }

  @MessagePattern(AccountRpc.OperatorLogout)
  logout(@Payload() req: OperatorCallRequest): Promise<OperatorSessionReply> {
    return this.operators.logout(req);
  }

  @MessagePattern(AccountRpc.OperatorSession)
  session(@Payload() req: OperatorCallRequest): Promise<OperatorSessionReply> {
    return this.operators.whoAmI(req);
  }

  @MessagePattern(AccountRpc.OperatorListApps)
  listApps(
    @Payload() req: OperatorPageRequest,
    @Meta() meta: RequestMeta,
  ): Promise<OperatorAppPageReply> {
    return this.operators.listApps(meta, req);
  }

  @MessagePattern(AccountRpc.OperatorCreateApp)
  createApp(
    @Payload() req: OperatorCreateAppRequest,
    @Meta() meta: RequestMeta,
  ): Promise<AppReply> {
    return this.operators.createApp(meta, req);
  }

  @MessagePattern(AccountRpc.OperatorRotateAppKey)
  rotateAppKey(@Payload() req: OperatorAppRequest, @Meta() meta: RequestMeta): Promise<AppReply> {
    return this.operators.rotateAppKey(meta, req);
  }

  @MessagePattern(AccountRpc.OperatorSetAppFeatures)
  setAppFeatures(
    @Payload() req: OperatorSetAppFeaturesRequest,
    @Meta() meta: RequestMeta,
  ): Promise<OperatorAppSummary> {
    return this.operators.setAppFeatures(meta, req);
  }

  @MessagePattern(AccountRpc.OperatorListAudit)
  listAudit(@Payload() req: OperatorPageRequest): Promise<OperatorAuditPageReply> {
    return this.operators.listAudit(req);
  }

  @MessagePattern(AccountRpc.OperatorCheck)
  check(@Payload() req: OperatorCheckRequest): Promise<OperatorSessionReply> {
    return this.operators.check(req);
  }

  @MessagePattern(AccountRpc.OperatorRecord)
  record(@Payload() req: OperatorRecordRequest): Promise<OperatorSessionReply> {
    return this.operators.record(req);
  }

  @MessagePattern(AccountRpc.OperatorGetCallbacks)
  getCallbacks(
    @Payload() req: OperatorAppRequest,
    @Meta() meta: RequestMeta,
  ): Promise<OperatorCallbacksView> {
    return this.operators.getCallbacks(meta, req);
  }

  @MessagePattern(AccountRpc.OperatorSetCallbacks)
  setCallbacks(
    @Payload() req: OperatorSetCallbacksRequest,
    @Meta() meta: RequestMeta,
  ): Promise<OperatorCallbacksView> {
    return this.operators.setCallbacks(meta, req);
  }

  @MessagePattern(AccountRpc.OperatorGetAppSettings)
  getAppSettings(
    @Payload() req: OperatorAppRequest,
    @Meta() meta: RequestMeta,
  ): Promise<OperatorAppSettingsView> {
    return this.operators.getAppSettings(meta, req);
  }

  @MessagePattern(AccountRpc.OperatorSetAppSettings)
  setAppSettings(
    @Payload() req: OperatorSetAppSettingsRequest,
    @Meta() meta: RequestMeta,
  ): Promise<OperatorAppSettingsView> {
    return this.operators.setAppSettings(meta, req);
  }
}
