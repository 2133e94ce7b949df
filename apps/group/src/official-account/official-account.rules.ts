import { randomBytes } from 'node:crypto';

import { ErrorCode, OfficialAccountLimits as L } from '@im/contracts';

import { GroupError } from '../group.errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An official account ID: `@TOA#_` then 1..42 more bytes, no control characters. */
export function assertOfficialAccountId(id: string): void {
  const bytes = Buffer.byteLength(id, 'utf8');
  if (
    !id.startsWith(L.idPrefix) ||
    bytes <= L.idPrefix.length ||
    bytes > L.idMaxBytes ||
    /[\u0000-\u001f\u007f]/.test(id)
  ) {
    throw new GroupError(
      ErrorCode.GroupInvalidParameter,
      `an official account ID starts with ${L.idPrefix} and has at most ${L.idMaxBytes} bytes`,
    );
  }
}

/** A generated ID in Tencent's shape (`@TOA#_@TOA#` + 8 letters or digits). */
export function generateOfficialAccountId(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(8);
  let tail = '';
  for (const b of bytes) tail += ALPHABET[b % ALPHABET.length];
  return `${L.idPrefix}@TOA#${tail}`;
}

/**
 * Splits an add_subscriber batch: the users that become subscribers (in request order, up to
 * the free places), those already subscribed (Result 2) and those that fail (Result 0: not an
 * account of the app, or no place left under MaxSubscriberNum).
 */
export function planSubscriptions(input: {
  userIds: readonly string[];
  accounts: ReadonlySet<string>;
  subscribed: ReadonlySet<string>;
  subscriberNum: number;
  maxSubscriberNum: number;
}): { userId: string; result: 0 | 1 | 2 }[] {
  let free = Math.max(0, input.maxSubscriberNum - input.subscriberNum);
  const seen = new Set<string>();
  return input.userIds.map((userId) => {
    if (input.subscribed.has(userId) || seen.has(userId)) return { userId, result: 2 as const };
    if (!input.accounts.has(userId) || free === 0) return { userId, result: 0 as const };
    seen.add(userId);
    free--;
    return { userId, result: 1 as const };
  });
}

/** `Next` of get_subscriber_info: the last user ID of the page, base64url ("" = from the start). */
export function encodeSubscriberCursor(lastUserId: string): string {
  return Buffer.from(lastUserId, 'utf8').toString('base64url');
}

export function decodeSubscriberCursor(next: string | undefined): string {
  if (!next) return '';
  if (!/^[A-Za-z0-9_-]+$/.test(next))
    throw GroupError.invalid('Next is not a cursor this API returned');
  return Buffer.from(next, 'base64url').toString('utf8');
}

/** MaxSubscriberNum may not go below the current number of subscribers. */
export function assertMaxSubscriberNum(max: number | undefined, subscriberNum: number): void {
  if (max !== undefined && max < subscriberNum)
    throw GroupError.invalid(
      `MaxSubscriberNum ${max} is below the ${subscriberNum} current subscribers`,
    );
}
