import { Injectable } from '@nestjs/common';

import { ConversationIds, ErrorCode, isPrivileged } from '@im/contracts';
import type { CallerContext, ConversationType, SendContextReply } from '@im/contracts';

import { GroupClient } from './group.client';
import { MessageError } from './message.errors';
import { MessageSettingsReader } from './message-settings.reader';
import { groupRoamingDays } from './message.rules';
import { hasFlag, MessageFlags, nowSeconds } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

/** A conversation as one user (or the App admin) may see it. */
export interface ConversationView {
  sdkAppId: number;
  convId: string;
  type: ConversationType;
  /** The user whose view it is; undefined = the App admin looking at everything. */
  viewer?: string;
  /** The other user or the group ID. */
  peer: string;
  /** Oldest message time visible (roaming window, MSG-19); 0 = no limit. */
  oldestTime: number;
  /** Days of roaming; 0 for live rooms (T24: replay buffer only). */
  roamingDays: number;
  /** Group: the send context as of this view. */
  group?: SendContextReply;
  /** Group: a live room or broadcast group (replay buffer, no roaming). */
  isRoom: boolean;
  /** Group without pre-join history (T16): messages before this time are not shown. */
  joinedAt: number;
}

/**
 * Who may look at a conversation, and what of it: the two users of a C2C conversation, the
 * members of a group (T16 pre-join history, T24 roaming), the App admin everything.
 */
@Injectable()
export class ConversationAccess {
  constructor(
    private readonly groups: GroupClient,
    private readonly settings: MessageSettingsReader,
  ) {}

  /**
   * The view of `convId` for the caller (a user: itself; the App admin: `asUser` when given).
   * Refuses strangers: 20001 (C2C) / 10007 (group); unknown groups answer 10010.
   */
  async view(caller: CallerContext, convId: string, asUser?: string): Promise<ConversationView> {
    const { sdkAppId } = caller;
    const viewer = isPrivileged(caller) ? asUser : caller.callerId;
    let parsed: ReturnType<typeof ConversationIds.parse>;
    try {
      parsed = ConversationIds.parse(convId, viewer);
    } catch {
      throw new MessageError(ErrorCode.C2cInvalidPacket, `not a conversation ID: ${convId}`);
    }
    const settings = await this.settings.settingsOf(sdkAppId);
    const now = nowSeconds();
    if (parsed.type === 'C2C') {
      if (viewer !== undefined && !parsed.members?.includes(viewer))
        throw new MessageError(ErrorCode.C2cInvalidPacket, 'not a conversation of the caller');
      return {
        sdkAppId,
        convId,
        type: 'C2C',
        viewer,
        peer: parsed.peer,
        oldestTime: now - settings.roamingDays * 86400,
        roamingDays: settings.roamingDays,
        isRoom: false,
        joinedAt: 0,
      };
    }
    const groupId = parsed.peer;
    const group = await this.groups.memberContext(sdkAppId, groupId, viewer);
    if (viewer !== undefined && !group.sender)
      throw new MessageError(ErrorCode.GroupPermissionDenied, 'not a member of the group');
    const caps = group.capabilities;
    const days = groupRoamingDays(caps, settings);
    return {
      sdkAppId,
      convId,
      type: 'GROUP',
      viewer,
      peer: groupId,
      oldestTime: days > 0 ? now - days * 86400 : now,
      roamingDays: days,
      group,
      isRoom: caps.storage === 'room',
      // HistoryMsgBeforeJoin of the group (an older group service answers none: the type's)
      joinedAt:
        !(group.historyMsgBeforeJoin ?? caps.preJoinHistoryVisible) && group.sender
          ? group.sender.joinTime
          : 0,
    };
  }
}

/** Whether a stored message is shown in a view (with the viewer's cleared history). */
export function isVisible(view: ConversationView, m: StoredMessage, clearSeq = 0): boolean {
  if (hasFlag(m, MessageFlags.deleted)) return false;
  if (view.viewer !== undefined && m.hiddenFrom === view.viewer) return false;
  if (m.expiresAt !== null && m.expiresAt <= nowSeconds()) return false;
  if (m.msgTime < view.oldestTime) return false;
  if (m.msgTime < view.joinedAt) return false;
  return m.seq > clearSeq;
}
