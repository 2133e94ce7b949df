import { categoryOf } from '@im/contracts';
import type { CheckRelation, RelationCheckItem, RelationResultItem, SnsItem } from '@im/contracts';

import type { SnsItemDto } from './sns-item.dto';

/** Contract replies → the spec's field names (docs/rest-api.md §6). */

/** `ResultItem[]`: `{To_Account, ResultCode, ResultInfo}` per target. */
export function toResultItems(results: RelationResultItem[]): Record<string, unknown>[] {
  return results.map((r) => ({ To_Account: r.userId, ResultCode: r.code, ResultInfo: r.message }));
}

/**
 * `Fail_Account`, only when some target failed. A pending request (30539) is a soft success
 * (category `ok`) and does not count as failed.
 */
export function failAccount(results: { userId: string; code: number }[]): {
  Fail_Account?: string[];
} {
  const failed = results.filter((r) => categoryOf(r.code) !== 'ok').map((r) => r.userId);
  return failed.length ? { Fail_Account: failed } : {};
}

/** The common answer of a batch: `ResultItem`, `Fail_Account`, `ErrorDisplay`. */
export function batchResponse(results: RelationResultItem[]): Record<string, unknown> {
  return { ResultItem: toResultItems(results), ...failAccount(results), ErrorDisplay: '' };
}

export function toTagValues(items: SnsItem[]): { Tag: string; Value: SnsItem['value'] }[] {
  return items.map((i) => ({ Tag: i.tag, Value: i.value }));
}

export function fromTagValues(items: SnsItemDto[] | undefined): SnsItem[] | undefined {
  return items?.map((i) => ({ tag: i.Tag, value: i.Value }));
}

const FRIEND_RELATIONS: Record<CheckRelation, string> = {
  BothWay: 'CheckResult_Type_BothWay',
  AWithB: 'CheckResult_Type_AWithB',
  BWithA: 'CheckResult_Type_BWithA',
  NoRelation: 'CheckResult_Type_NoRelation',
};

/** The blacklist check answers the later product's names (docs/rest-api.md §6.9, AMB-32). */
const BLACK_RELATIONS: Record<CheckRelation, string> = {
  BothWay: 'BlackCheckResult_Type_BothWay',
  AWithB: 'BlackCheckResult_Type_AWithB',
  BWithA: 'BlackCheckResult_Type_BWithA',
  NoRelation: 'BlackCheckResult_Type_NO',
};

export function toCheckItems(
  results: RelationCheckItem[],
  kind: 'friend' | 'blacklist',
): Record<string, unknown>[] {
  const names = kind === 'friend' ? FRIEND_RELATIONS : BLACK_RELATIONS;
  return results.map((r) => ({
    To_Account: r.userId,
    Relation: names[r.relation],
    ResultCode: r.code,
    ResultInfo: r.message,
  }));
}
