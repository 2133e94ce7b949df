import { createHash } from 'node:crypto';

import type { MsgElement } from '@im/contracts';

/**
 * Tencent's send limits for an official account (page 1047/60810, `send_official_account_msg`):
 * at most 1 message a second and 2 broadcasts an hour per account; a message whose content is
 * identical to one sent within 5 minutes is dropped as a duplicate.
 */
export const OfficialAccountSendLimits = {
  perSecond: 1,
  perHour: 2,
  secondMs: 1000,
  hourMs: 3_600_000,
  duplicateWindowMs: 300_000,
} as const;

export type OfficialSendLimits = {
  perSecond: number;
  perHour: number;
  secondMs: number;
  hourMs: number;
  duplicateWindowMs: number;
};

/** What the limiter decided: send (and count it), drop a duplicate, or refuse over a cap. */
export type OfficialSendVerdict = 'send' | 'duplicate' | 'second' | 'hour';

/**
 * The decision for a send at `now` given the times (ms) of the account's sends in the last hour
 * and whether the same content was sent within the duplicate window. A duplicate is dropped
 * before the caps are looked at (it is not a send); the per-second cap is checked first.
 */
export function officialSendVerdict(
  now: number,
  sentAt: readonly number[],
  duplicate: boolean,
  limits: OfficialSendLimits = OfficialAccountSendLimits,
): OfficialSendVerdict {
  if (duplicate) return 'duplicate';
  const inHour = sentAt.filter((t) => t > now - limits.hourMs);
  if (inHour.filter((t) => t > now - limits.secondMs).length >= limits.perSecond) return 'second';
  if (inHour.length >= limits.perHour) return 'hour';
  return 'send';
}

/** The content a duplicate is recognised by: the message body (its elements, in order). */
export function officialContentHash(body: readonly MsgElement[]): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}
