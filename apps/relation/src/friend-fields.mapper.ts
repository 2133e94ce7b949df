import {
  ErrorCode,
  PROFILE_CUSTOM_TAG_PATTERN,
  RelationLimits,
  SnsTags,
  StandardProfileTags,
} from '@im/contracts';
import type { FriendProfileResult, SnsItem, UserProfile } from '@im/contracts';

import type { FriendPatch, FriendRow } from './friends.repository';
import {
  customValueProblem,
  distinct,
  fail,
  isSnsCustomTag,
  listNameProblem,
  remarkProblem,
} from './relation.rules';
import type { ItemFailure } from './relation.rules';
import type { AppRelationSettings } from './relation-settings.reader';

/** Pure mapping between friend rows and `{Tag, Value}` items (docs/rest-api.md §2.5). */

const STANDARD_TAGS: readonly string[] = Object.values(SnsTags);

export function isStandardSnsTag(tag: string): boolean {
  return STANDARD_TAGS.includes(tag);
}

/** The value of one friend tag, or undefined when it is not set. */
export function friendTagValue(row: FriendRow, tag: string): SnsItem['value'] | undefined {
  switch (tag) {
    case SnsTags.Group:
      return row.groups.length ? row.groups : undefined;
    case SnsTags.Remark:
      return row.remark || undefined;
    case SnsTags.AddSource:
      return row.addSource || undefined;
    case SnsTags.AddWording:
      return row.addWording || undefined;
    case SnsTags.AddTime:
      return row.addTime;
    case SnsTags.RemarkTime:
      return row.remarkTime || undefined;
    default:
      return isSnsCustomTag(tag) ? row.custom[tag] : undefined;
  }
}

/**
 * A friend's set fields for friend_get: the standard ones unless the caller's copy of them is
 * current, then the custom ones likewise.
 */
export function friendItems(
  row: FriendRow,
  include: { standard: boolean; custom: boolean },
): SnsItem[] {
  const items: SnsItem[] = [];
  if (include.standard) {
    for (const tag of STANDARD_TAGS) {
      const value = friendTagValue(row, tag);
      if (value !== undefined) items.push({ tag, value });
    }
  }
  if (include.custom) {
    for (const tag of Object.keys(row.custom).sort()) items.push({ tag, value: row.custom[tag] });
  }
  return items;
}

/** A list of group names: strings, valid names, distinct. */
export function listNamesProblem(value: unknown): ItemFailure | undefined {
  if (!Array.isArray(value))
    return fail(ErrorCode.SnsInvalidParameters, `${SnsTags.Group} must be an array of strings`);
  for (const name of value as unknown[]) {
    const problem = listNameProblem(name);
    if (problem) return problem;
  }
  if (value.length > RelationLimits.friendListsMax)
    return fail(ErrorCode.FriendGroupLimitReached, 'a friend is in at most 32 lists');
  return undefined;
}

export interface ParsedUpdate {
  patch: FriendPatch;
  changedTags: string[];
  /** Names of lists the friend must be in, when Tag_SNS_IM_Group was given. */
  listNames?: string[];
}

/**
 * The change one friend_update item asks for, or why it cannot be made: only
 * `Tag_SNS_IM_Remark` (≤ 96 bytes), `Tag_SNS_IM_Group` (list names) and declared
 * `Tag_SNS_Custom_*` (string ≤ 500 bytes) are writable (REL-31).
 */
export function parseFriendUpdate(
  items: SnsItem[],
  declaredCustom: ReadonlyMap<string, string>,
  now: number,
): ParsedUpdate | ItemFailure {
  const patch: FriendPatch = {};
  const changedTags: string[] = [];
  let listNames: string[] | undefined;
  for (const { tag, value } of items) {
    if (changedTags.includes(tag))
      return fail(ErrorCode.SnsInvalidParameters, `${tag} is given twice`);
    if (tag === SnsTags.Remark) {
      if (typeof value !== 'string')
        return fail(ErrorCode.SnsInvalidParameters, `${tag} must be a string`);
      const problem = remarkProblem(value);
      if (problem) return problem;
      patch.remark = value;
      patch.remarkTime = now;
    } else if (tag === SnsTags.Group) {
      const problem = listNamesProblem(value);
      if (problem) return problem;
      listNames = distinct(value as string[]);
      patch.groups = listNames;
    } else if (isSnsCustomTag(tag)) {
      if (!declaredCustom.has(tag))
        return fail(ErrorCode.SnsInvalidParameters, `${tag} is not declared by this app`);
      const problem = customValueProblem(tag, value);
      if (problem) return problem;
      patch.custom = { ...patch.custom, [tag]: value as string };
    } else {
      return fail(ErrorCode.SnsInvalidParameters, `${tag} cannot be updated`);
    }
    changedTags.push(tag);
  }
  return { patch, changedTags, listNames };
}

/** The texts a friend_update writes that sensitive words apply to (§9.1). */
export function updatedTexts({ patch }: ParsedUpdate): (string | undefined)[] {
  return [patch.remark, ...(patch.groups ?? []), ...Object.values(patch.custom ?? {})];
}

export function isFailure<T extends object>(value: T | ItemFailure): value is ItemFailure {
  return 'code' in value && 'message' in value;
}

/** A tag friend_get_list can return: a standard or declared profile tag, an SNS tag. */
export function isReadableTag(
  tag: string,
  app: Pick<AppRelationSettings, 'profileCustomTags' | 'snsCustomFields'>,
): boolean {
  if ((StandardProfileTags as readonly string[]).includes(tag)) return true;
  if (PROFILE_CUSTOM_TAG_PATTERN.test(tag)) return app.profileCustomTags.has(tag);
  if (isStandardSnsTag(tag)) return true;
  return isSnsCustomTag(tag) && app.snsCustomFields.has(tag);
}

/**
 * One friend of friend_get_list: the asked tags it has, `Tag_Profile_*` ones from its profile
 * (whose own failure, if any, is the result's code), the others from the friend row.
 */
export function friendProfileResult(
  row: FriendRow,
  profile: UserProfile | undefined,
  tags: readonly string[],
): FriendProfileResult {
  const items: SnsItem[] = [];
  for (const tag of tags) {
    if (tag.startsWith('Tag_Profile_')) {
      const item = profile?.items.find((i) => i.tag === tag);
      if (item) items.push({ tag, value: item.value });
    } else {
      const value = friendTagValue(row, tag);
      if (value !== undefined) items.push({ tag, value });
    }
  }
  const failed = profile && profile.code !== 0;
  return {
    userId: row.friendId,
    items,
    code: failed ? profile.code : ErrorCode.Ok,
    message: failed ? profile.message : '',
  };
}
