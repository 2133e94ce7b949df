import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AccountRpc,
  AppCredentialsReply,
  AppIdRequest,
  AppReply,
  CreateAppRequest,
  UpdateAppRequest,
} from '@im/contracts';
import type { RequestMeta } from '@im/contracts';
import { Meta } from '@im/platform';

import { AppRegistryService } from './app-registry.service';

/** Operator subjects (apps) and the credentials subject for verifiers. */
@Controller()
export class AppRegistryHandler {
  constructor(private readonly registry: AppRegistryService) {}

  @MessagePattern(AccountRpc.CreateApp)
  createApp(@Payload() req: CreateAppRequest, @Meta() meta: RequestMeta): Promise<AppReply> {
    return this.registry.createApp(meta, req);
  }

  @MessagePattern(AccountRpc.GetApp)
  getApp(@Payload() req: AppIdRequest, @Meta() meta: RequestMeta): Promise<AppReply> {
    return this.registry.getApp(meta, req.sdkAppId);
  }

  @MessagePattern(AccountRpc.UpdateApp)
  updateApp(@Payload() req: UpdateAppRequest, @Meta() meta: RequestMeta): Promise<AppReply> {
    return this.registry.updateApp(meta, req);
  }

  @MessagePattern(AccountRpc.RotateAppKey)
  rotateAppKey(@Payload() req: AppIdRequest, @Meta() meta: RequestMeta): Promise<AppReply> {
    return this.registry.rotateKey(meta, req.sdkAppId);
  }

  @MessagePattern(AccountRpc.GetAppCredentials)
  getAppCredentials(
    @Payload() req: AppIdRequest,
    @Meta() meta: RequestMeta,
  ): Promise<AppCredentialsReply> {
    return this.registry.getCredentials(meta, req.sdkAppId);
  }
}
