import { ErrorCode, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  ConversationType,
  GroupTypeCapabilities,
  MsgElement,
  SendContextReply,
  SendGroupRequest,
} from '@im/contracts';

import { MessageError } from './message.errors';
import type { ResolvedMessageSettings } from './message-settings.reader';
import type { C2cOwnerEffect } from './message-writer.db';
import { checkBody } from './msg-body.rules';
import type { MessageExtra } from './stored-message.model';

/** A refusal: the code to answer and why. */
export interface Refusal {
  code: number;
  message: string;
}

/** Refuses a command meant for the App admin when a user calls it. */
export function assertPrivileged(kind: ConversationType, caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw MessageError.forbidden(kind, 'this command is for the App admin');
}

/**
 * Refuses a body, CloudCustomData or OfflinePushInfo the send rules do not accept (too large
 * together, bad layout).
 */
export function assertBody(
  kind: ConversationType,
  body: MsgElement[],
  cloudCustomData?: string,
  offlinePush?: Record<string, unknown>,
): void {
  const problem = checkBody(body, cloudCustomData, offlinePush);
  if (!problem) return;
  throw problem.kind === 'too-large'
    ? MessageError.tooLarge(kind, problem.message)
    : MessageError.layout(kind, problem.message);
}

/** The group message rules of a send context: the refusal to answer, or undefined to send. */
export function groupRefusal(
  context: SendContextReply,
  caller: CallerContext,
  senderId: string | undefined,
): Refusal | undefined {
  const caps = context.capabilities;
  if (!isPrivileged(caller)) {
    if (context.refusalCode !== 0) return { code: context.refusalCode, message: context.refusal };
    // MSG-14, T18: in an inactive group the first accepted message is the owner's.
    if (caps.needsActivation && !context.isActive && senderId !== context.ownerId)
      return {
        code: ErrorCode.GroupPermissionDenied,
        message: 'the group is not active yet: its owner sends first',
      };
    return undefined;
  }
  // The App admin may name any sender; only a mute of that sender still applies.
  if (senderId && context.refusalCode === ErrorCode.GroupSenderMuted)
    return { code: context.refusalCode, message: context.refusal };
  return undefined;
}

/** Days of history a group keeps: none when its type does not roam (T24), else the app's. */
export function groupRoamingDays(
  caps: GroupTypeCapabilities,
  settings: ResolvedMessageSettings,
): number {
  if (caps.roamingDays <= 0) return 0;
  return settings.roamingDaysSet ? settings.roamingDays : caps.roamingDays;
}

/** Who has whom as a friend, as the app's C2C friendship rule needs it. */
export interface Friendship {
  receiverHasSender: boolean;
  senderHasReceiver: boolean;
}

/** The app's C2C friendship rule (20009 / 20010 / 20011): the refusal, or undefined to send. */
export function friendshipRefusal(
  rule: ResolvedMessageSettings['c2cFriendCheck'],
  { receiverHasSender, senderHasReceiver }: Friendship,
): Refusal | undefined {
  if (rule === 'none') return undefined;
  if (rule === 'both' && (!receiverHasSender || !senderHasReceiver))
    return { code: ErrorCode.C2cNotFriends, message: 'the two users are not friends' };
  if (!receiverHasSender)
    return {
      code: ErrorCode.C2cSenderNotFriendOfReceiver,
      message: 'the receiver has not added the sender',
    };
  if (!senderHasReceiver)
    return {
      code: ErrorCode.C2cReceiverNotFriendOfSender,
      message: 'the sender has not added the receiver',
    };
  return undefined;
}

/** The sender's nickname and avatar a message carries (MSG-10), when the profile has them. */
export function senderExtra(info: { nick?: string; faceUrl?: string }): MessageExtra {
  return {
    ...(info.nick && { senderNick: info.nick }),
    ...(info.faceUrl && { senderFaceUrl: info.faceUrl }),
  };
}

/**
 * What a group message keeps besides its columns: the sender's nickname, avatar and NameCard
 * (MSG-10), and the read receipt, priority and @ mentions the sender asked for.
 */
export function groupMessageExtra(
  senderInfo: { nick?: string; faceUrl?: string },
  sender: SendContextReply['sender'],
  req: Pick<SendGroupRequest, 'needReadReceipt' | 'priority' | 'atInfo'>,
): MessageExtra {
  return {
    ...senderExtra(senderInfo),
    ...(sender?.nameCard && { senderNameCard: sender.nameCard }),
    ...(req.needReadReceipt && { needReadReceipt: true }),
    ...(req.priority && req.priority !== 'Normal' && { priority: req.priority }),
    ...(req.atInfo?.length && { atInfo: req.atInfo }),
  };
}

/** Who sees a C2C message, as the send asked. */
export interface C2cVisibility {
  from: string;
  to: string;
  /** The sender's other devices get it (SyncOtherMachine is not 2). */
  syncToSender: boolean;
  /** False when the receiver refuses C2C from other users (AMB-24). */
  visibleToReceiver: boolean;
}

/**
 * The user a stored C2C message is hidden from: the receiver that refuses it, else a sender
 * that asked not to sync it (not to itself); null when both see it.
 */
export function c2cHiddenFrom(v: C2cVisibility): string | null {
  if (!v.visibleToReceiver) return v.to;
  return !v.syncToSender && v.from !== v.to ? v.from : null;
}

/**
 * The conversations a stored C2C message lands in: the sender's (not counted unread) and the
 * receiver's, each unless the message is hidden from its owner; one for a message to oneself.
 */
export function c2cOwners(
  v: C2cVisibility,
  controls: { noUnread: boolean; movesLast: boolean },
): C2cOwnerEffect[] {
  const { from, to } = v;
  const hiddenFrom = c2cHiddenFrom(v);
  const { noUnread, movesLast } = controls;
  const owners: C2cOwnerEffect[] = [];
  if (hiddenFrom !== from)
    owners.push({ userId: from, peer: to, countsUnread: false, isSender: true, movesLast });
  if (from !== to && hiddenFrom !== to)
    owners.push({ userId: to, peer: from, countsUnread: !noUnread, isSender: false, movesLast });
  return owners;
}

/**
 * The conversations an imported C2C message lands in: both users' (one for a message to
 * oneself), unread for the receiver only in a real-time import (mode 1 or 5, not 2).
 */
export function importedC2cOwners(from: string, to: string, realtime: boolean): C2cOwnerEffect[] {
  const owners: C2cOwnerEffect[] = [
    { userId: from, peer: to, countsUnread: false, isSender: false, movesLast: true },
  ];
  if (from !== to)
    owners.push({
      userId: to,
      peer: from,
      countsUnread: realtime,
      isSender: false,
      movesLast: true,
    });
  return owners;
}

/** How far ahead of the server's clock an imported time may be (clock skew of the app's backend). */
export const IMPORT_CLOCK_SKEW_SECONDS = 60;

/**
 * Whether an imported group message's `SendTime` is acceptable (import_group_msg, per item
 * 10004): not before the group was created, not in the future, not before the previous
 * accepted item of the same request (history is imported in order).
 */
export function importSendTimeValid(
  sendTime: number,
  bounds: { createTime: number; previous: number; now: number },
): boolean {
  return (
    sendTime >= bounds.createTime &&
    sendTime >= bounds.previous &&
    sendTime <= bounds.now + IMPORT_CLOCK_SKEW_SECONDS
  );
}
