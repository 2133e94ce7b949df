import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AppCallbacksPageRequest,
  AppDeadLetterIdRequest,
  BeforeCallbackRequest,
  CallbackDispatcherRpc,
  DeadLetterIdsRequest,
  EmptyRequest,
  ListDeadLettersRequest,
} from '@im/contracts';
import type {
  BeforeCallbackReply,
  CallerContext,
  DeadLettersCountReply,
  EgressIpsReply,
  ListAppDeadLettersReply,
  ListAppDeliveriesReply,
  ReplayAppDeadLetterReply,
  ListDeadLettersReply,
  RequestMeta,
} from '@im/contracts';
import { Caller, Meta } from '@im/platform';

import { CallbackDispatcherService } from './callback-dispatcher.service';
import { EgressIpsService } from './egress-ips.service';

/**
 * NATS handlers: before-callbacks for the owning services, dead letters for the operator, the
 * addresses callbacks come from for the App admin, an app's recent deliveries and dead letters
 * (with replay) for its admin through the console.
 */
@Controller()
export class CallbackDispatcherHandler {
  constructor(
    private readonly service: CallbackDispatcherService,
    private readonly egress: EgressIpsService,
  ) {}

  @MessagePattern(CallbackDispatcherRpc.GetEgressIps)
  getEgressIps(@Payload() _req: EmptyRequest): EgressIpsReply {
    return this.egress.egressIps();
  }

  @MessagePattern(CallbackDispatcherRpc.Before)
  before(
    @Payload() req: BeforeCallbackRequest,
    @Caller() caller: CallerContext,
  ): Promise<BeforeCallbackReply> {
    return this.service.before(caller, req);
  }

  @MessagePattern(CallbackDispatcherRpc.ListDeadLetters)
  listDeadLetters(
    @Payload() req: ListDeadLettersRequest,
    @Meta() meta: RequestMeta,
  ): Promise<ListDeadLettersReply> {
    return this.service.listDeadLetters(meta, req);
  }

  @MessagePattern(CallbackDispatcherRpc.ReplayDeadLetters)
  replayDeadLetters(
    @Payload() req: DeadLetterIdsRequest,
    @Meta() meta: RequestMeta,
  ): Promise<DeadLettersCountReply> {
    return this.service.replayDeadLetters(meta, req);
  }

  @MessagePattern(CallbackDispatcherRpc.DiscardDeadLetters)
  discardDeadLetters(
    @Payload() req: DeadLetterIdsRequest,
    @Meta() meta: RequestMeta,
  ): Promise<DeadLettersCountReply> {
    return this.service.discardDeadLetters(meta, req);
  }

  @MessagePattern(CallbackDispatcherRpc.ListAppDeliveries)
  listAppDeliveries(
    @Payload() req: AppCallbacksPageRequest,
    @Caller() caller: CallerContext,
  ): Promise<ListAppDeliveriesReply> {
    return this.service.listAppDeliveries(caller, req);
  }

  @MessagePattern(CallbackDispatcherRpc.ListAppDeadLetters)
  listAppDeadLetters(
    @Payload() req: AppCallbacksPageRequest,
    @Caller() caller: CallerContext,
  ): Promise<ListAppDeadLettersReply> {
    return this.service.listAppDeadLetters(caller, req);
  }

  @MessagePattern(CallbackDispatcherRpc.ReplayAppDeadLetter)
  replayAppDeadLetter(
    @Payload() req: AppDeadLetterIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<ReplayAppDeadLetterReply> {
    return this.service.replayAppDeadLetter(caller, req);
  }
}
