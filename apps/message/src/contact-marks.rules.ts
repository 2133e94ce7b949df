import { ErrorCode, MessageLimits } from '@im/contracts';

import { MessageError } from './message.errors';

/** The signed 64-bit mask (as Postgres `bigint` text) of the given bits 0…63. */
export function bitMask(bits: readonly number[] | undefined): string {
  let mask = 0n;
  for (const bit of bits ?? []) mask |= 1n << BigInt(bit);
  return BigInt.asIntN(64, mask).toString();
}

/** A stored 64-bit mark (signed `bigint` text) as Tencent's bit string, bit 0 last; `"0"` none. */
export function markString(stored: string | number | bigint): string {
  return BigInt.asUintN(64, BigInt(stored)).toString(2);
}

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** A conversation group's name: not empty, at most 32 bytes (51011). */
export function checkGroupName(name: string): void {
  if (name.length === 0)
    throw new MessageError(ErrorCode.ContactInvalidParameters, 'the group name is empty');
  if (utf8Bytes(name) > MessageLimits.contactGroupNameMaxBytes)
    throw new MessageError(
      ErrorCode.ConversationGroupNameTooLong,
      `a group name has at most ${MessageLimits.contactGroupNameMaxBytes} bytes`,
    );
}

/** A custom mark: at most 256 bytes. */
export function checkCustomMark(mark: string): void {
  if (utf8Bytes(mark) > MessageLimits.customMarkMaxBytes)
    throw new MessageError(
      ErrorCode.ContactInvalidParameters,
      `a custom mark has at most ${MessageLimits.customMarkMaxBytes} bytes`,
    );
}

/** A new group fits: at most 20 groups (51010). */
export function checkGroupCount(existing: number): void {
  if (existing >= MessageLimits.contactGroupsMax)
    throw new MessageError(
      ErrorCode.ConversationGroupLimit,
      `at most ${MessageLimits.contactGroupsMax} conversation groups`,
    );
}

/**
 * Newly marked or grouped conversations fit: at most 1000 per user (51008). `existing` = the
 * user's conversations with data now, `adding` = those of the request that have none yet.
 */
export function checkMarkedCount(existing: number, adding: number): void {
  if (existing + adding > MessageLimits.contactMarkedMax)
    throw new MessageError(
      ErrorCode.ConversationMarkLimit,
      `at most ${MessageLimits.contactMarkedMax} conversations with marks or groups`,
    );
}

/** The next group id of a user: one past the highest (ids start at 1). */
export function nextGroupId(ids: readonly number[]): number {
  return ids.reduce((max, id) => Math.max(max, id), 0) + 1;
}
