import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, GroupRpc, RemoteError } from '@im/contracts';
import type { GroupTypeCapabilities } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ConnGatewayError } from '../conn-gateway.errors';
import type { Session } from '../session/session.model';
import { RoomRegistry } from './room-registry.store';

/** `room.join` answer data (docs/protocol.md §7.5). */
export interface RoomJoinResult {
  groupId: string;
  /** The group's type (`AVChatRoom`, `BChatRoom` or a custom type built on them). */
  type: string;
  /** `joined`: pushes of the room reach this session; `pending`: the owner has to approve. */
  outcome: 'joined' | 'pending';
}

/** How long a group's type capabilities are reused for joins (rooms fill up in bursts). */
const CAPABILITIES_TTL_MS = 5000;
const CAPABILITIES_MAX_ENTRIES = 10_000;

/** Refusals of `group.rpc.quit` after which `room.leave` has still done what it says. */
const ROOM_LEFT_ANYWAY: ReadonlySet<number> = new Set([
  ErrorCode.GroupPermissionDenied,
  ErrorCode.GroupOwnerCannotLeave,
]);

/**
 * `room.join` / `room.leave` for AVChatRoom and BChatRoom (and custom types built on them):
 * the group service decides (the group exists and is a room type; a user becomes a member as
 * with `group.join`; a guest only where the type lets guests receive, T23), then the session is
 * put in the node's room registry.
 */
@Injectable()
export class RoomService {
  private readonly capabilities = new Map<
    string,
    { at: number; value: Promise<GroupTypeCapabilities> }
  >();

  constructor(
    private readonly bus: NatsBus,
    private readonly registry: RoomRegistry,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async join(session: Session, data: Record<string, unknown>): Promise<RoomJoinResult> {
    const sdkAppId = session.sdkAppId ?? 0;
    const groupId = groupIdOf(data);
    const caps = await this.capabilitiesOf(sdkAppId, groupId);
    if (caps.storage !== 'room') {
      throw new ConnGatewayError(
        ErrorCode.GroupPermissionDenied,
        `${groupId} is not a live room or broadcast group; use group.join`,
      );
    }
    if (session.isGuest) {
      if (!caps.guestReceive)
        throw new ConnGatewayError(
          ErrorCode.GroupPermissionDenied,
          'guests may not join this room',
        );
    } else {
      const outcome = await this.applyJoin(session, groupId);
      if (outcome === 'pending') return { groupId, type: caps.type, outcome };
    }
    await this.registry.add(session, sdkAppId, groupId);
    return { groupId, type: caps.type, outcome: 'joined' };
  }

  /**
   * Stops the room's pushes to this session. A user also leaves the room's members (as
   * `group.quit`) unless another session of theirs on this node is still in it.
   */
  async leave(session: Session, data: Record<string, unknown>): Promise<Record<string, never>> {
    const sdkAppId = session.sdkAppId ?? 0;
    const groupId = groupIdOf(data);
    this.registry.remove(session, sdkAppId, groupId);
    const userId = session.userId;
    if (session.isGuest || userId === undefined) return {};
    const stillIn = this.registry
      .sessionsIn(sdkAppId, groupId)
      .some((s) => s.userId === userId && !s.isGuest);
    if (stillIn) return {};
    try {
      await this.bus.request(
        GroupRpc.Quit,
        { groupId },
        { context: { sdkAppId, callerId: userId, role: 'user', connId: session.connId } },
      );
    } catch (err) {
      // Not (or no longer) a member, or the owner (who stays a member of its room, 10009): the
      // session has left the room all the same, which is what the client asked.
      if (!(err instanceof RemoteError && ROOM_LEFT_ANYWAY.has(err.code))) throw err;
    }
    return {};
  }

  private async applyJoin(session: Session, groupId: string): Promise<'joined' | 'pending'> {
    try {
      const reply = await this.bus.request(
        GroupRpc.ApplyJoin,
        { groupId },
        {
          context: {
            sdkAppId: session.sdkAppId ?? 0,
            callerId: session.userId,
            role: 'user',
            connId: session.connId,
          },
        },
      );
      return reply.outcome;
    } catch (err) {
      // Joining again (another device, a reconnect) is fine.
      if (err instanceof RemoteError && err.code === ErrorCode.AlreadyGroupMember) return 'joined';
      throw err;
    }
  }

  private capabilitiesOf(sdkAppId: number, groupId: string): Promise<GroupTypeCapabilities> {
    const key = `${sdkAppId}:${groupId}`;
    const now = Date.now();
    const cached = this.capabilities.get(key);
    if (cached && now - cached.at < CAPABILITIES_TTL_MS) return cached.value;
    if (this.capabilities.size >= CAPABILITIES_MAX_ENTRIES) this.capabilities.clear();
    const value = this.bus
      .request(GroupRpc.GetTypeCapabilities, { groupId }, this.bus.asService(sdkAppId))
      .then((reply) => {
        const caps = reply.types[0];
        if (!caps) throw new ConnGatewayError(ErrorCode.GroupNotFound, `${groupId} not found`);
        return caps;
      });
    this.capabilities.set(key, { at: now, value });
    value.catch(() => {
      if (this.capabilities.get(key)?.value === value) this.capabilities.delete(key);
      this.logger.debug({ sdkAppId, groupId }, 'room capabilities not available');
    });
    return value;
  }
}

function groupIdOf(data: Record<string, unknown>): string {
  const groupId = data.groupId;
  if (typeof groupId !== 'string' || groupId === '' || groupId.length > 128)
    throw new ConnGatewayError(ErrorCode.GroupInvalidParameter, 'groupId must be a group ID');
  return groupId;
}
