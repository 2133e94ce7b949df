import { Controller, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  EmptyReply,
  GetDownloadLinksReply,
  GetDownloadLinksRequest,
  MediaObjectRequest,
  MediaRpc,
} from '@im/contracts';
import type { CallerContext } from '@im/contracts';
import { Caller, createPayloadValidationPipe } from '@im/platform';

import { MediaAdminService } from './media-admin.service';
import { MEDIA_RPC_CODES, MediaRpcErrorFilter } from './media-rpc.filter';

/**
 * The media service's NATS subjects (`media.rpc.*`, the REST edge's `im_cos_msg` commands).
 * Validation and the error filter are scoped to this class: the HTTP port of the same app
 * answers its own refusals (MediaController).
 */
@Controller()
@UsePipes(createPayloadValidationPipe(MEDIA_RPC_CODES.invalid))
@UseFilters(MediaRpcErrorFilter)
export class MediaHandler {
  constructor(private readonly admin: MediaAdminService) {}

  @MessagePattern(MediaRpc.GetDownloadLinks)
  getDownloadLinks(
    @Payload() req: GetDownloadLinksRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetDownloadLinksReply> {
    return this.admin.getDownloadLinks(caller, req.items);
  }

  @MessagePattern(MediaRpc.ForbidObject)
  async forbidObject(
    @Payload() req: MediaObjectRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.admin.forbid(caller, req.rawUrl);
    return {};
  }

  @MessagePattern(MediaRpc.AllowObject)
  async allowObject(
    @Payload() req: MediaObjectRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.admin.allow(caller, req.rawUrl);
    return {};
  }
}
