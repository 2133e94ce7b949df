import { randomBytes } from 'node:crypto';

import { ErrorCode, PushLimits, utf8Length } from '@im/contracts';
import type { MsgElement, PushCondition } from '@im/contracts';

import { PushError } from './push.errors';

/** One thing a targeted user has: a tag, or an attribute (by slot) with a value. */
export type Predicate =
  { kind: 'tag'; tag: string } | { kind: 'attr'; slot: number; value: string };

/**
 * Who a push targets: users having every predicate of `and` and, when `or` is not empty, at
 * least one of `or`. Both empty: every user of the app.
 */
export interface SelectionPlan {
  and: Predicate[];
  or: Predicate[];
}

export const EVERYONE: SelectionPlan = { and: [], or: [] };

/**
 * Checks a push condition and turns it into a selection plan (docs/rest-api.md §8, docs/error-codes.md §4):
 * tags and attributes not mixed (90039), ≤ 10 tags per list (90032), no empty tag (90040), tag
 * ≤ 50 bytes (90020), no tag in both lists (90022), attributes known by name with string values
 * of ≤ 50 bytes (90033). A condition naming lists that are all empty selects nobody and is
 * refused rather than read as "everybody".
 */
export function planSelection(
  condition: PushCondition | undefined,
  slotsByName: ReadonlyMap<string, number>,
): SelectionPlan {
  if (!condition) return EVERYONE;
  const { tagsAnd, tagsOr, attrsAnd, attrsOr } = condition;
  const namesTags = tagsAnd !== undefined || tagsOr !== undefined;
  const namesAttrs = attrsAnd !== undefined || attrsOr !== undefined;
  if (!namesTags && !namesAttrs) return EVERYONE;
  if (namesTags && namesAttrs)
    throw new PushError(
      ErrorCode.PushMixedConditions,
      'tag and attribute conditions cannot be mixed in one push',
    );
  if (namesTags) {
    const and = checkTags(tagsAnd ?? [], 'TagsAnd');
    const or = checkTags(tagsOr ?? [], 'TagsOr');
    const both = and.find((t) => or.includes(t));
    if (both !== undefined)
      throw new PushError(
        ErrorCode.PushTagInBothConditions,
        `tag "${both}" is in both TagsAnd and TagsOr`,
      );
    if (and.length === 0 && or.length === 0)
      throw new PushError(ErrorCode.PushEmptyTag, 'the condition names no tag');
    return {
      and: and.map((tag) => ({ kind: 'tag', tag })),
      or: or.map((tag) => ({ kind: 'tag', tag })),
    };
  }
  const and = checkAttrs(attrsAnd ?? {}, 'AttrsAnd', slotsByName);
  const or = checkAttrs(attrsOr ?? {}, 'AttrsOr', slotsByName);
  if (and.length === 0 && or.length === 0)
    throw PushError.attribute('the condition names no attribute');
  return { and, or };
}

function checkTags(tags: unknown, list: string): string[] {
  if (!Array.isArray(tags)) throw new PushError(ErrorCode.PushEmptyTag, `${list} must be an array`);
  if (tags.length > PushLimits.maxTagsPerRequest)
    throw new PushError(
      ErrorCode.PushTooManyTags,
      `${list} has more than ${PushLimits.maxTagsPerRequest} tags`,
    );
  for (const tag of tags) checkTag(tag);
  return [...new Set(tags as string[])];
}

/** One tag: a non-empty string (90040) of at most 50 bytes (90020). */
export function checkTag(tag: unknown): string {
  if (typeof tag !== 'string' || tag.length === 0)
    throw new PushError(ErrorCode.PushEmptyTag, 'a tag is empty');
  if (utf8Length(tag) > PushLimits.tagMaxBytes)
    throw new PushError(
      ErrorCode.PushTagTooLong,
      `tag "${tag.slice(0, 60)}" is longer than ${PushLimits.tagMaxBytes} bytes`,
    );
  return tag;
}

function checkAttrs(
  attrs: unknown,
  list: string,
  slotsByName: ReadonlyMap<string, number>,
): Predicate[] {
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))
    throw PushError.attribute(`${list} must be an object of attribute name → value`);
  const entries = Object.entries(attrs as Record<string, unknown>);
  if (entries.length > PushLimits.maxAttrNames)
    throw PushError.attribute(`${list} has more than ${PushLimits.maxAttrNames} attributes`);
  return entries.map(([name, value]) => ({
    kind: 'attr',
    slot: slotOf(name, slotsByName),
    value: checkAttrValue(name, value),
  }));
}

/** The slot of an attribute name the app declared (90033 otherwise). */
export function slotOf(name: string, slotsByName: ReadonlyMap<string, number>): number {
  const slot = slotsByName.get(name);
  if (slot === undefined) throw PushError.attribute(`attribute "${name}" is not declared`);
  return slot;
}

/** An attribute value: a string of at most 50 bytes (AMB-46; 90033). */
export function checkAttrValue(name: string, value: unknown): string {
  if (typeof value !== 'string')
    throw PushError.attribute(`the value of attribute "${name}" must be a string`);
  if (utf8Length(value) > PushLimits.attrValueMaxBytes)
    throw PushError.attribute(
      `the value of attribute "${name}" is longer than ${PushLimits.attrValueMaxBytes} bytes`,
    );
  return value;
}

/**
 * `im_set_attr_name`: keys "0".."9", names non-empty strings of ≤ 50 bytes, distinct (90033).
 * Returns slot → name.
 */
export function checkAttrNames(attrNames: Record<string, unknown>): Map<number, string> {
  const out = new Map<number, string>();
  const entries = Object.entries(attrNames);
  if (entries.length === 0) throw PushError.attribute('AttrNames is empty');
  for (const [key, name] of entries) {
    if (!/^[0-9]$/.test(key))
      throw PushError.attribute(`attribute index "${key}" is not one of "0".."9"`);
    if (typeof name !== 'string' || name.length === 0)
      throw PushError.attribute(`the name of attribute ${key} must be a non-empty string`);
    if (utf8Length(name) > PushLimits.attrNameMaxBytes)
      throw PushError.attribute(
        `the name of attribute ${key} is longer than ${PushLimits.attrNameMaxBytes} bytes`,
      );
    out.set(Number(key), name);
  }
  if (new Set(out.values()).size !== out.size)
    throw PushError.attribute('two attributes have the same name');
  return out;
}

/** `MsgLifeTime`: 0 (online only, the default) up to 7 days (90026). */
export function checkLifeTime(lifeTimeSeconds: number | undefined): number {
  const value = lifeTimeSeconds ?? 0;
  if (!Number.isInteger(value))
    throw new PushError(ErrorCode.MsgLifeTimeNotInteger, 'MsgLifeTime must be an integer');
  if (value < 0 || value > PushLimits.maxLifeTimeSeconds)
    throw new PushError(
      ErrorCode.MsgLifeTimeInvalid,
      `MsgLifeTime must be 0..${PushLimits.maxLifeTimeSeconds} seconds`,
    );
  return value;
}

/** The pushed content: at least one element (90002), at most 10 KB with OfflinePushInfo (90056). */
export function checkContent(body: MsgElement[], offlinePush?: Record<string, unknown>): void {
  if (body.length === 0)
    throw new PushError(ErrorCode.MsgBodyFormatInvalid, 'MsgBody has no element');
  if (body.filter((e) => e.MsgType === 'TIMCustomElem').length > 1)
    throw new PushError(ErrorCode.MsgBodyFormatInvalid, 'MsgBody has more than one TIMCustomElem');
  const bytes = utf8Length(JSON.stringify({ MsgBody: body, OfflinePushInfo: offlinePush ?? {} }));
  if (bytes > PushLimits.bodyMaxBytes)
    throw new PushError(
      ErrorCode.PushBodyTooLarge,
      `the pushed content is ${bytes} bytes, more than ${PushLimits.bodyMaxBytes}`,
    );
}

/** `im_get_push_report`: 1..500 task IDs (90015 / 90014), each well-formed (90016). */
export function checkReportTaskIds(taskIds: string[]): string[] {
  if (taskIds.length === 0)
    throw new PushError(ErrorCode.PushReportTaskIdMissing, 'TaskIds is empty');
  if (taskIds.length > PushLimits.maxTaskIdsPerReport)
    throw new PushError(
      ErrorCode.PushReportTooManyTasks,
      `more than ${PushLimits.maxTaskIdsPerReport} task IDs`,
    );
  const bad = taskIds.find((id) => !TASK_ID.test(id));
  if (bad !== undefined)
    throw new PushError(
      ErrorCode.PushReportTaskIdInvalid,
      `task ID "${bad.slice(0, 80)}" is invalid`,
    );
  return [...new Set(taskIds)];
}

const TASK_ID = /^[0-9a-f]{8}_[0-9a-f]{8}_\d{1,10}_\d{1,12}$/;

/** A task ID in Tencent's shape: `<random hex>_<MsgRandom hex>_<SDKAppID>_<UNIX seconds>`. */
export function newTaskId(sdkAppId: number, msgRandom: number, now = new Date()): string {
  const random = randomBytes(4).toString('hex');
  const rnd = msgRandom.toString(16).padStart(8, '0');
  return `${random}_${rnd}_${sdkAppId}_${Math.floor(now.getTime() / 1000)}`;
}

/** Too many accounts in one attribute/tag request (90018). */
export function checkAccountCount(count: number): void {
  if (count > PushLimits.maxAccountsPerRequest)
    throw new PushError(
      ErrorCode.PushTooManyAccounts,
      `more than ${PushLimits.maxAccountsPerRequest} accounts in one request`,
    );
}

/** The distinct tags of one add/remove-tag request: ≤ 10 (90032), each valid. */
export function checkRequestTags(lists: string[][]): void {
  const all = new Set<string>();
  for (const tags of lists) for (const tag of tags) all.add(checkTag(tag));
  if (all.size > PushLimits.maxTagsPerRequest)
    throw new PushError(
      ErrorCode.PushTooManyTags,
      `more than ${PushLimits.maxTagsPerRequest} tags in one request`,
    );
}
