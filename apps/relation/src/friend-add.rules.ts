// Pure rules of adding friends (friend_add, friend_import, accepting a request): per-item
// checks, per-target decisions of an import and of an accept, and the rows they store. No I/O;
// unit-tested in friend-add.rules.spec.ts (decideFriendAdd is in relation.rules.ts).
import { ErrorCode } from '@im/contracts';
import type { AddFriendItem, ImportFriendItem } from '@im/contracts';

import { listNamesProblem } from './friend-fields.mapper';
import type { NewFriend } from './friends.repository';
import { RelationError } from './relation.errors';
import {
  addSourceProblem,
  distinctBy,
  addWordingProblem,
  customValueProblem,
  fail,
  isSnsCustomTag,
  listNameProblem,
  remarkProblem,
  targetProblem,
} from './relation.rules';
import type { ItemFailure } from './relation.rules';
import type { AppRelationSettings } from './relation-settings.reader';

/** The items of a batch that passed the per-item rules and whose targets exist. */
export interface ScreenedItems<T> {
  /** The distinct targets in request order (the order of the results). */
  targets: string[];
  /** Whether any item passed the rules, so that the accounts were looked up. */
  looked: boolean;
  results: Map<string, ItemFailure>;
  candidates: T[];
}

/**
 * The distinct items (the first of a target wins) that pass `problemOf` and whose targets
 * exist (30003 per item); the requester must exist too (30003 for the whole batch).
 */
export async function screenItems<T extends { toUserId: string }>(
  userId: string,
  items: T[],
  problemOf: (item: T) => ItemFailure | undefined,
  existing: (userIds: string[]) => Promise<ReadonlySet<string>>,
): Promise<ScreenedItems<T>> {
  const unique = distinctBy(items, (i) => i.toUserId);
  const targets = unique.map((i) => i.toUserId);
  const results = new Map<string, ItemFailure>();
  const valid = unique.filter((item) => {
    const problem = problemOf(item);
    if (problem) results.set(item.toUserId, problem);
    return !problem;
  });
  if (valid.length === 0) return { targets, looked: false, results, candidates: valid };
  const exists = await existing([userId, ...valid.map((c) => c.toUserId)]);
  if (!exists.has(userId))
    throw new RelationError(ErrorCode.SnsAccountNotFound, `account ${userId} does not exist`);
  const candidates = valid.filter((c) => {
    if (exists.has(c.toUserId)) return true;
    results.set(c.toUserId, fail(ErrorCode.SnsAccountNotFound, 'To_Account does not exist'));
    return false;
  });
  return { targets, looked: true, results, candidates };
}

/** Per-item rules of friend_add (REL-5 … REL-9, REL-19). */
export function addItemProblem(
  userId: string,
  item: AddFriendItem,
  app: Pick<AppRelationSettings, 'wordingRequired'>,
): ItemFailure | undefined {
  return (
    targetProblem(userId, item.toUserId) ??
    addSourceProblem(item.addSource) ??
    addWordingProblem(item.addWording, app.wordingRequired) ??
    remarkProblem(item.remark) ??
    (item.groupName != null ? listNameProblem(item.groupName) : undefined)
  );
}

/** Per-item rules of friend_import: as an add, plus list names and declared custom fields. */
export function importItemProblem(
  userId: string,
  item: ImportFriendItem,
  app: Pick<AppRelationSettings, 'snsCustomFields'>,
): ItemFailure | undefined {
  const basic =
    targetProblem(userId, item.toUserId) ??
    addSourceProblem(item.addSource) ??
    addWordingProblem(item.addWording, false) ??
    remarkProblem(item.remark) ??
    (item.groupNames != null ? listNamesProblem(item.groupNames) : undefined);
  if (basic) return basic;
  const seen = new Set<string>();
  for (const { tag, value } of item.customItems ?? []) {
    if (!isSnsCustomTag(tag) || !app.snsCustomFields.has(tag))
      return fail(ErrorCode.SnsInvalidParameters, `${tag} is not a declared custom friend field`);
    if (seen.has(tag)) return fail(ErrorCode.SnsInvalidParameters, `${tag} is given twice`);
    seen.add(tag);
    const problem = customValueProblem(tag, value);
    if (problem) return problem;
  }
  return undefined;
}

export interface FriendImportFacts {
  requesterBlocksTarget: boolean;
  targetBlocksRequester: boolean;
  /** The importing user's table has the target already. */
  hasForward: boolean;
  /** The importing user's table size before this target. */
  friendCount: number;
  friendLimit: number;
}

/**
 * Why friend_import cannot add one target, in this order: the requester's blacklist (30515),
 * the target's (30525), already a friend (30001), a full table (30010). An import never asks the
 * target, so AllowType does not count.
 */
export function importTargetProblem(f: FriendImportFacts): ItemFailure | undefined {
  if (f.requesterBlocksTarget)
    return fail(ErrorCode.TargetInRequesterBlacklist, 'the target is in the blacklist');
  if (f.targetBlocksRequester)
    return fail(ErrorCode.RequesterInTargetBlacklist, "the user is in the target's blacklist");
  if (f.hasForward) return fail(ErrorCode.SnsInvalidParameters, 'already a friend');
  if (f.friendCount + 1 > f.friendLimit)
    return fail(ErrorCode.FriendLimitReached, 'the friend table is full');
  return undefined;
}

export interface AcceptFacts {
  /** Add both ways (agree-and-add), not only the requester's direction. */
  both: boolean;
  /** The requester has the acceptor already. */
  hasForward: boolean;
  /** The acceptor has the requester already. */
  hasReverse: boolean;
  requesterFriendCount: number;
  acceptorFriendCount: number;
  friendLimit: number;
}

/**
 * Why an accepted request cannot be carried out, seen from the acceptor: the requester's
 * table full 30014, then (adding both ways) the acceptor's own 30010.
 */
export function acceptProblem(f: AcceptFacts): ItemFailure | undefined {
  if (!f.hasForward && f.requesterFriendCount + 1 > f.friendLimit)
    return fail(ErrorCode.PeerFriendLimitReached, "the requester's table is full");
  if (f.both && !f.hasReverse && f.acceptorFriendCount + 1 > f.friendLimit)
    return fail(ErrorCode.FriendLimitReached, 'your friend table is full');
  return undefined;
}

/** What a new friend direction is stored with; times default to `now` (epoch seconds). */
export interface FriendFields {
  remark?: string;
  /** Default: `now` when there is a remark, else 0. */
  remarkTime?: number;
  groups: string[];
  addSource: string;
  addWording?: string;
  addTime?: number;
  custom?: Record<string, string>;
}

/** The row of `userId` having `friendId` in its table. */
export function friendRow(
  userId: string,
  friendId: string,
  fields: FriendFields,
  now: number,
): NewFriend {
  return {
    userId,
    friendId,
    remark: fields.remark ?? '',
    remarkTime: fields.remarkTime ?? (fields.remark ? now : 0),
    groups: fields.groups,
    addSource: fields.addSource,
    addWording: fields.addWording ?? '',
    addTime: fields.addTime ?? now,
    custom: fields.custom ?? {},
  };
}

/** The row of an imported friend: every field as given, times defaulting to `now`. */
export function importedRow(
  userId: string,
  item: ImportFriendItem,
  groups: string[],
  now: number,
): NewFriend {
  const custom = Object.fromEntries(
    (item.customItems ?? []).map((c) => [c.tag, c.value as string]),
  );
  return friendRow(
    userId,
    item.toUserId,
    {
      remark: item.remark,
      remarkTime: item.remarkTime,
      groups,
      addSource: item.addSource!,
      addWording: item.addWording,
      addTime: item.addTime,
      custom,
    },
    now,
  );
}
