import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, GroupLimits, GroupRpc, isPrivileged, RemoteError } from '@im/contracts';
import type { CallerContext, SendBroadcastReply, SendBroadcastRequest } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { GroupSendService } from './group-send.service';
import { MessageError } from './message.errors';

/** Rooms sent to at once. */
const CONCURRENCY = 8;

/**
 * send_broadcast_msg (docs/rest-api.md §7.34): one message from the App admin (or the user it
 * names) to every live room (AVChatRoom) of the app, each a send as send_group_msg makes it
 * (the room's seq, buffer, callbacks and push to its sessions). Rooms are listed page by page
 * from the group service; a room gone meanwhile is counted as failed, not fatal.
 */
@Injectable()
export class BroadcastService {
  constructor(
    private readonly bus: NatsBus,
    private readonly sends: GroupSendService,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async broadcast(caller: CallerContext, req: SendBroadcastRequest): Promise<SendBroadcastReply> {
    if (!isPrivileged(caller))
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'for the App admin');
    let roomCount = 0;
    let failedCount = 0;
    let next = 0;
    do {
      const page = await this.bus.request(
        GroupRpc.ListAppGroups,
        { type: 'AVChatRoom', limit: GroupLimits.appGroupPageMax, next },
        this.bus.asService(caller.sdkAppId),
      );
      for (let i = 0; i < page.groupIds.length; i += CONCURRENCY) {
        const results = await Promise.allSettled(
          page.groupIds.slice(i, i + CONCURRENCY).map((groupId) =>
            this.sends.sendGroup(caller, {
              groupId,
              from: req.from,
              random: req.random,
              body: req.body,
              cloudCustomData: req.cloudCustomData,
            }),
          ),
        );
        for (const r of results) {
          if (r.status === 'fulfilled') roomCount++;
          else if (isRefusal(r.reason)) failedCount++;
          else throw r.reason;
        }
      }
      next = page.next;
    } while (next !== 0);
    this.logger.info({ rooms: roomCount, failed: failedCount }, 'broadcast sent');
    return { roomCount, failedCount };
  }
}

/** A room's own refusal (gone, sender muted there), as opposed to a body the edge should refuse. */
function isRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    (err instanceof MessageError || err instanceof RemoteError) &&
    (code === ErrorCode.GroupNotFound || code === ErrorCode.GroupSenderMuted)
  );
}
