import {
  actsFor,
  AddType,
  AdminForbidType,
  AllowType,
  CheckRelation,
  CheckType,
  ErrorCode,
  IdLimits,
  isPrivileged,
  isValidUserId,
  RelationLimits,
  utf8Length,
} from '@im/contracts';
import type {
  CallerContext,
  CheckRelationsReply,
  CheckRelationsRequest,
  RelationResultItem,
} from '@im/contracts';

import type { SensitiveWordsMatcher } from '@im/platform';

import { RelationError } from './relation.errors';

/** Pure rules of the relation chain: no I/O, unit-tested in relation.rules.spec.ts. */

/** A per-target failure: a relation code and a short reason (`ResultCode` / `ResultInfo`). */
export interface ItemFailure {
  code: number;
  message: string;
}

export const fail = (code: number, message: string): ItemFailure => ({ code, message });

/**
 * 30005 when one of the texts (Remark, AddWording, friend-list names, custom string fields)
 * holds one of the app's sensitive words (docs/rest-api.md §9.1).
 */
export function sensitiveProblem(
  words: Pick<SensitiveWordsMatcher, 'firstMatch'>,
  texts: readonly (string | null | undefined)[],
): ItemFailure | undefined {
  if (words.firstMatch(texts) < 0) return undefined;
  return fail(ErrorCode.SnsSensitiveWords, 'a text field contains a sensitive word');
}

/** The result of a target that went through. */
export const OK: ItemFailure = { code: ErrorCode.Ok, message: '' };

/** Per-target results in the order of the distinct targets (OK for those without a failure). */
export function inOrder(
  targets: string[],
  results: ReadonlyMap<string, ItemFailure>,
): RelationResultItem[] {
  return targets.map((userId) => ({ userId, ...(results.get(userId) ?? OK) }));
}

/** Now in epoch seconds (all relation timestamps on the wire; AMB-4). */
export function epochSeconds(now = Date.now()): number {
  return Math.floor(now / 1000);
}

/** The distinct values of a list, in order of first appearance. */
export function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The items with repeated targets dropped (the first one wins). */
export function distinctBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A user (role `user`) acts only as itself; the App admin, services and the operator act for
 * any user of the app. Acting for someone else needs the admin: 30004.
 */
export function assertActsAs(caller: CallerContext, userId: string): void {
  if (!actsFor(caller, userId)) {
    throw new RelationError(ErrorCode.SnsAdminRequired, 'a user may only act as itself');
  }
}

/** Commands only the App admin and services may use (friend_import, ForceAddFlags). */
export function assertPrivileged(caller: CallerContext, what: string): void {
  if (!isPrivileged(caller)) {
    throw new RelationError(ErrorCode.SnsAdminRequired, `${what} needs the App admin`);
  }
}

/** Why a target ID cannot be used by `userId`, or undefined. */
export function targetProblem(userId: string, target: string): ItemFailure | undefined {
  if (!isValidUserId(target))
    return fail(
      ErrorCode.SnsInvalidParameters,
      `To_Account must be 1..${IdLimits.userIdMaxBytes} bytes without control characters`,
    );
  if (target === userId) return fail(ErrorCode.SnsInvalidParameters, 'To_Account is From_Account');
  return undefined;
}

const ADD_SOURCE = /^AddSource_Type_[A-Za-z]{1,8}$/;
const SNS_CUSTOM_TAG = /^Tag_SNS_Custom_[A-Za-z]{1,8}$/;

/** `AddSource_Type_` + 1..8 English letters, required (REL-8). */
export function addSourceProblem(value: string | null | undefined): ItemFailure | undefined {
  if (value == null || value === '')
    return fail(ErrorCode.SnsInvalidParameters, 'AddSource is required');
  if (!ADD_SOURCE.test(value))
    return fail(ErrorCode.SnsInvalidParameters, 'AddSource must be AddSource_Type_ + 1..8 letters');
  return undefined;
}

export function remarkProblem(value: string | null | undefined): ItemFailure | undefined {
  if (value != null && utf8Length(value) > RelationLimits.remarkMaxBytes)
    return fail(
      ErrorCode.SnsInvalidParameters,
      `Remark must be at most ${RelationLimits.remarkMaxBytes} bytes`,
    );
  return undefined;
}

/** ≤ 256 bytes (REL-9); required when the app says so (REL-19). */
export function addWordingProblem(
  value: string | null | undefined,
  required: boolean,
): ItemFailure | undefined {
  if (required && (value == null || value === ''))
    return fail(ErrorCode.SnsInvalidParameters, 'AddWording is required by this app');
  if (value != null && utf8Length(value) > RelationLimits.addWordingMaxBytes)
    return fail(
      ErrorCode.SnsInvalidParameters,
      `AddWording must be at most ${RelationLimits.addWordingMaxBytes} bytes`,
    );
  return undefined;
}

/** A friend list name: non-empty, ≤ 30 bytes (REL-6). */
export function listNameProblem(name: unknown): ItemFailure | undefined {
  if (typeof name !== 'string' || name.length === 0)
    return fail(ErrorCode.SnsInvalidParameters, 'a friend list name must be a non-empty string');
  if (utf8Length(name) > RelationLimits.friendListNameMaxBytes)
    return fail(
      ErrorCode.SnsInvalidParameters,
      `a friend list name must be at most ${RelationLimits.friendListNameMaxBytes} bytes`,
    );
  return undefined;
}

export function isSnsCustomTag(tag: string): boolean {
  return SNS_CUSTOM_TAG.test(tag);
}

/** A custom friend field value: a string of at most 500 bytes (REL-3). */
export function customValueProblem(tag: string, value: unknown): ItemFailure | undefined {
  if (typeof value !== 'string')
    return fail(ErrorCode.SnsInvalidParameters, `${tag} must be a string`);
  if (utf8Length(value) > RelationLimits.valueMaxBytes)
    return fail(
      ErrorCode.SnsInvalidParameters,
      `${tag} must be at most ${RelationLimits.valueMaxBytes} bytes`,
    );
  return undefined;
}

/** The smallest friend list ID in 1..32 not in use, or undefined when all are (30011). */
export function freeListId(used: Iterable<number>): number | undefined {
  const taken = new Set(used);
  for (let id = 1; id <= RelationLimits.friendListsMax; id++) if (!taken.has(id)) return id;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Adding friends (REL-11 … REL-21, AMB-28)

export interface FriendAddFacts {
  addType: AddType;
  /** ForceAddFlags 1 by the App admin or a service: the target's AllowType is ignored. */
  force: boolean;
  requesterForbid: AdminForbidType;
  targetAllowType: AllowType;
  /** The requester has the target in its blacklist. */
  requesterBlocksTarget: boolean;
  /** The target has the requester in its blacklist. */
  targetBlocksRequester: boolean;
  /** The requester's table has the target already. */
  hasForward: boolean;
  /** The target's table has the requester already. */
  hasReverse: boolean;
  requesterFriendCount: number;
  targetFriendCount: number;
  friendLimit: number;
}

export type FriendAddDecision =
  | { kind: 'add'; forward: boolean; reverse: boolean }
  | { kind: 'pending' }
  | ({ kind: 'fail' } & ItemFailure);

/**
 * What an add request does for one target, in this order: the requester's AdminForbidType
 * (30009), blacklists either way (30515, 30525), "already a friend" when every wanted direction
 * exists (30001, REL-21), DenyAny (30516), the requester's and the peer's friend limits (30010,
 * 30014), then NeedConfirm makes a pending request (30539) unless the add is forced or the
 * target already lists the requester (AMB-28); otherwise the missing directions are created.
 */
export function decideFriendAdd(f: FriendAddFacts): FriendAddDecision {
  if (f.requesterForbid === 'AdminForbid_Type_SendOut')
    return {
      kind: 'fail',
      ...fail(ErrorCode.FriendRequestForbidden, 'the requester may not send friend requests'),
    };
  if (f.requesterBlocksTarget)
    return {
      kind: 'fail',
      ...fail(ErrorCode.TargetInRequesterBlacklist, "the target is in the requester's blacklist"),
    };
  if (f.targetBlocksRequester)
    return {
      kind: 'fail',
      ...fail(ErrorCode.RequesterInTargetBlacklist, "the requester is in the target's blacklist"),
    };
  const forward = !f.hasForward;
  const reverse = f.addType === 'both' && !f.hasReverse;
  if (!forward && !reverse)
    return { kind: 'fail', ...fail(ErrorCode.SnsInvalidParameters, 'already a friend') };
  const confirmed = f.force || f.hasReverse;
  if (!confirmed && f.targetAllowType === 'AllowType_Type_DenyAny')
    return {
      kind: 'fail',
      ...fail(ErrorCode.TargetDeniesAll, 'the target accepts no friend requests'),
    };
  if (forward && f.requesterFriendCount + 1 > f.friendLimit)
    return {
      kind: 'fail',
      ...fail(ErrorCode.FriendLimitReached, "the requester's friend table is full"),
    };
  if (reverse && f.targetFriendCount + 1 > f.friendLimit)
    return {
      kind: 'fail',
      ...fail(ErrorCode.PeerFriendLimitReached, "the target's friend table is full"),
    };
  if (!confirmed && f.targetAllowType === 'AllowType_Type_NeedConfirm') return { kind: 'pending' };
  return { kind: 'add', forward, reverse };
}

// ---------------------------------------------------------------------------------------------
// Checks and paging

/** The relation of A (asking) with B from A's list and B's list (REL-33, REL-34, REL-40). */
export function checkRelation(aHasB: boolean, bHasA: boolean, checkType: CheckType): CheckRelation {
  if (checkType === 'single') return aHasB ? 'AWithB' : 'NoRelation';
  if (aHasB && bHasA) return 'BothWay';
  if (aHasB) return 'AWithB';
  if (bHasA) return 'BWithA';
  return 'NoRelation';
}

/** Who of a set of users is in a list (a friend table, a blacklist). */
export type MembershipLookup = (userIds: string[]) => Promise<{ has(userId: string): boolean }>;

/**
 * friend_check and black_list_check (REL-32 … REL-34, REL-39, REL-40): the relation of the user
 * with each distinct target from the user's list (`findForward`) and, for `both`, the targets'
 * lists (`findReverse`); an invalid target gets its failure and `NoRelation`.
 */
export async function checkPairs(
  req: CheckRelationsRequest,
  findForward: MembershipLookup,
  findReverse: MembershipLookup,
): Promise<CheckRelationsReply> {
  const targets = distinct(req.toUserIds);
  const valid = targets.filter((t) => !targetProblem(req.userId, t));
  const [forward, reverse] = await Promise.all([
    findForward(valid),
    req.checkType === 'both' ? findReverse(valid) : Promise.resolve(new Set<string>()),
  ]);
  return {
    results: targets.map((t) => {
      const problem = targetProblem(req.userId, t);
      if (problem) return { userId: t, relation: 'NoRelation', ...problem };
      return {
        userId: t,
        relation: checkRelation(forward.has(t), reverse.has(t), req.checkType),
        ...OK,
      };
    }),
  };
}

export interface PageWindow {
  offset: number;
  limit: number;
  /** Where the next page starts, or 0 when this one reaches the end. */
  nextStartIndex: number;
  isComplete: boolean;
}

/** The window `[start, start + size)` of a list of `total` entries. */
export function pageWindow(total: number, start: number, size: number): PageWindow {
  const end = Math.min(total, start + size);
  const isComplete = end >= total;
  return { offset: start, limit: size, nextStartIndex: isComplete ? 0 : end, isComplete };
}
