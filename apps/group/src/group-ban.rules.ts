// Pure rules of member bans (ban/unban_group_member, get_group_ban_member; docs/rest-api.md).
// Unit-tested in group-ban.rules.spec.ts.
import { GroupBanLimits, isValidUserId } from '@im/contracts';

import { GroupError } from './group.errors';
import { distinct } from './group.rules';

/** The accounts a ban or unban names, once each: valid IDs (10004), never the owner (10007). */
export function banTargets(userIds: readonly string[], ownerId: string | null): string[] {
  const ids = distinct(userIds);
  const invalid = ids.find((u) => !isValidUserId(u));
  if (invalid !== undefined)
    throw GroupError.invalid(`invalid account ${String(invalid).slice(0, 40)}`);
  if (ownerId && ids.includes(ownerId)) throw GroupError.forbidden('the owner cannot be banned');
  return ids;
}

/** When a ban of `durationSeconds` made at `now` ends (UNIX seconds). */
export function banEnd(now: number, durationSeconds: number): number {
  return now + Math.min(durationSeconds, GroupBanLimits.durationMax);
}

/** Tencent's paging: the next page's offset, 0 when this page was the last. */
export function nextBanOffset(offset: number, got: number, limit: number, more: boolean): number {
  return more && got === limit ? offset + got : 0;
}
