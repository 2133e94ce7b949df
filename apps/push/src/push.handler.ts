import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  FindDevicesRequest,
  GetAttrNamesRequest,
  GetPushReportsRequest,
  PushMessageRequest,
  PushRpc,
  PushUserIdsRequest,
  RegisterDeviceRequest,
  RemoveUserAttrsRequest,
  SetAttrNamesRequest,
  SetUserAttrsRequest,
  UnregisterDeviceRequest,
  UserTagsRequest,
} from '@im/contracts';
import type {
  AttrNamesReply,
  CallerContext,
  FindDevicesReply,
  GetPushReportsReply,
  GetUserAttrsReply,
  GetUserTagsReply,
  PushAckReply,
  PushMessageReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { PushService } from './push.service';

/**
 * NATS handlers: one `@MessagePattern(PushRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class PushHandler {
  constructor(protected readonly service: PushService) {}

  @MessagePattern(PushRpc.Push)
  push(
    @Payload() req: PushMessageRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushMessageReply> {
    return this.service.push(caller, req);
  }

  @MessagePattern(PushRpc.GetReports)
  getReports(
    @Payload() req: GetPushReportsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetPushReportsReply> {
    return this.service.getReports(caller, req);
  }

  @MessagePattern(PushRpc.SetAttrNames)
  setAttrNames(
    @Payload() req: SetAttrNamesRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.setAttrNames(caller, req);
  }

  @MessagePattern(PushRpc.GetAttrNames)
  getAttrNames(
    @Payload() _req: GetAttrNamesRequest,
    @Caller() caller: CallerContext,
  ): Promise<AttrNamesReply> {
    return this.service.getAttrNames(caller);
  }

  @MessagePattern(PushRpc.SetUserAttrs)
  setUserAttrs(
    @Payload() req: SetUserAttrsRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.setUserAttrs(caller, req);
  }

  @MessagePattern(PushRpc.RemoveUserAttrs)
  removeUserAttrs(
    @Payload() req: RemoveUserAttrsRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.removeUserAttrs(caller, req);
  }

  @MessagePattern(PushRpc.GetUserAttrs)
  getUserAttrs(
    @Payload() req: PushUserIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetUserAttrsReply> {
    return this.service.getUserAttrs(caller, req);
  }

  @MessagePattern(PushRpc.AddUserTags)
  addUserTags(
    @Payload() req: UserTagsRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.addUserTags(caller, req);
  }

  @MessagePattern(PushRpc.RemoveUserTags)
  removeUserTags(
    @Payload() req: UserTagsRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.removeUserTags(caller, req);
  }

  @MessagePattern(PushRpc.RemoveAllUserTags)
  removeAllUserTags(
    @Payload() req: PushUserIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.removeAllUserTags(caller, req);
  }

  @MessagePattern(PushRpc.GetUserTags)
  getUserTags(
    @Payload() req: PushUserIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetUserTagsReply> {
    return this.service.getUserTags(caller, req);
  }

  @MessagePattern(PushRpc.RegisterDevice)
  registerDevice(
    @Payload() req: RegisterDeviceRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.registerDevice(caller, req);
  }

  @MessagePattern(PushRpc.FindDevices)
  findDevices(
    @Payload() req: FindDevicesRequest,
    @Caller() caller: CallerContext,
  ): Promise<FindDevicesReply> {
    return this.service.findDevices(caller, req);
  }

  @MessagePattern(PushRpc.UnregisterDevice)
  unregisterDevice(
    @Payload() req: UnregisterDeviceRequest,
    @Caller() caller: CallerContext,
  ): Promise<PushAckReply> {
    return this.service.unregisterDevice(caller, req);
  }
}
