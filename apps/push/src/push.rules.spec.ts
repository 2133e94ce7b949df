import { DomainError, ErrorCode } from '@im/contracts';
import type { MsgElement } from '@im/contracts';

import {
  checkAttrNames,
  checkContent,
  checkLifeTime,
  checkReportTaskIds,
  checkRequestTags,
  newTaskId,
  planSelection,
} from './push.rules';

const slots = new Map([
  ['level', 0],
  ['city', 1],
]);

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : -1;
  }
  return undefined;
}

describe(planSelection.name, () => {
  it('targets everybody without a condition or with an empty one', () => {
    expect(planSelection(undefined, slots)).toEqual({ and: [], or: [] });
    expect(planSelection({}, slots)).toEqual({ and: [], or: [] });
  });

  it('turns tags into AND and OR predicates, without duplicates', () => {
    expect(planSelection({ tagsAnd: ['vip', 'vip', 'sz'], tagsOr: ['a'] }, slots)).toEqual({
      and: [
        { kind: 'tag', tag: 'vip' },
        { kind: 'tag', tag: 'sz' },
      ],
      or: [{ kind: 'tag', tag: 'a' }],
    });
  });

  it('resolves attribute names to their slots', () => {
    expect(planSelection({ attrsAnd: { level: 'gold' }, attrsOr: { city: 'SZ' } }, slots)).toEqual({
      and: [{ kind: 'attr', slot: 0, value: 'gold' }],
      or: [{ kind: 'attr', slot: 1, value: 'SZ' }],
    });
  });

  it.each([
    [
      'tags mixed with attributes',
      { tagsOr: ['a'], attrsAnd: { level: 'x' } },
      ErrorCode.PushMixedConditions,
    ],
    [
      'more than 10 tags in a list',
      { tagsOr: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      ErrorCode.PushTooManyTags,
    ],
    ['an empty tag', { tagsAnd: ['a', ''] }, ErrorCode.PushEmptyTag],
    ['a tag of 51 bytes', { tagsAnd: ['x'.repeat(51)] }, ErrorCode.PushTagTooLong],
    ['a tag of 17 three-byte characters', { tagsOr: ['中'.repeat(17)] }, ErrorCode.PushTagTooLong],
    [
      'a tag in both lists',
      { tagsAnd: ['a'], tagsOr: ['a', 'b'] },
      ErrorCode.PushTagInBothConditions,
    ],
    ['tag lists that are all empty', { tagsAnd: [], tagsOr: [] }, ErrorCode.PushEmptyTag],
    ['an undeclared attribute', { attrsAnd: { color: 'red' } }, ErrorCode.PushAttributeInvalid],
    [
      'a non-string attribute value',
      { attrsOr: { level: 3 as unknown as string } },
      ErrorCode.PushAttributeInvalid,
    ],
    [
      'an attribute value of 51 bytes',
      { attrsOr: { level: 'v'.repeat(51) } },
      ErrorCode.PushAttributeInvalid,
    ],
    ['attribute lists that are all empty', { attrsAnd: {} }, ErrorCode.PushAttributeInvalid],
  ])('refuses %s', (_name, condition, code) => {
    expect(codeOf(() => planSelection(condition, slots))).toBe(code);
  });

  it('accepts a tag of exactly 50 bytes and 10 tags per list', () => {
    const tags = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(50, 'x'));
    expect(planSelection({ tagsOr: tags }, slots).or).toHaveLength(10);
  });
});

describe(checkLifeTime.name, () => {
  it('defaults to online only and accepts up to 7 days', () => {
    expect(checkLifeTime(undefined)).toBe(0);
    expect(checkLifeTime(604_800)).toBe(604_800);
  });

  it('refuses more than 7 days or a negative time with 90026, a fraction with 90044', () => {
    expect(codeOf(() => checkLifeTime(604_801))).toBe(ErrorCode.MsgLifeTimeInvalid);
    expect(codeOf(() => checkLifeTime(-1))).toBe(ErrorCode.MsgLifeTimeInvalid);
    expect(codeOf(() => checkLifeTime(1.5))).toBe(ErrorCode.MsgLifeTimeNotInteger);
  });
});

describe(checkContent.name, () => {
  const text = (t: string): MsgElement => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });

  it('accepts a body up to 10 KB with its OfflinePushInfo', () => {
    expect(codeOf(() => checkContent([text('x'.repeat(10_000))]))).toBeUndefined();
  });

  it('refuses more than 10 KB with 90056, counting OfflinePushInfo', () => {
    expect(codeOf(() => checkContent([text('x'.repeat(10_300))]))).toBe(ErrorCode.PushBodyTooLarge);
    expect(codeOf(() => checkContent([text('x')], { Desc: 'd'.repeat(10_300) }))).toBe(
      ErrorCode.PushBodyTooLarge,
    );
  });

  it('refuses an empty body or two custom elements with 90002', () => {
    const custom: MsgElement = { MsgType: 'TIMCustomElem', MsgContent: { Data: '1' } };
    expect(codeOf(() => checkContent([]))).toBe(ErrorCode.MsgBodyFormatInvalid);
    expect(codeOf(() => checkContent([custom, custom]))).toBe(ErrorCode.MsgBodyFormatInvalid);
  });
});

describe(checkAttrNames.name, () => {
  it('maps slots "0".."9" to names', () => {
    expect(checkAttrNames({ '0': 'sex', '9': 'city' })).toEqual(
      new Map([
        [0, 'sex'],
        [9, 'city'],
      ]),
    );
  });

  it.each([
    ['a slot out of 0..9', { '10': 'x' }],
    ['a non-numeric slot', { a: 'x' }],
    ['an empty name', { '0': '' }],
    ['a name of 51 bytes', { '0': 'n'.repeat(51) }],
    ['two slots with one name', { '0': 'x', '1': 'x' }],
    ['nothing', {}],
  ])('refuses %s with 90033', (_name, names) => {
    expect(codeOf(() => checkAttrNames(names))).toBe(ErrorCode.PushAttributeInvalid);
  });
});

describe(checkReportTaskIds.name, () => {
  const id = newTaskId(1400000001, 7);

  it('accepts task IDs of the service’s shape', () => {
    expect(id).toMatch(/^[0-9a-f]{8}_00000007_1400000001_\d+$/);
    expect(checkReportTaskIds([id, id])).toEqual([id]);
  });

  it('refuses none (90015), more than 500 (90014), a malformed one (90016)', () => {
    expect(codeOf(() => checkReportTaskIds([]))).toBe(ErrorCode.PushReportTaskIdMissing);
    expect(codeOf(() => checkReportTaskIds(Array(501).fill(id)))).toBe(
      ErrorCode.PushReportTooManyTasks,
    );
    expect(codeOf(() => checkReportTaskIds(['nope']))).toBe(ErrorCode.PushReportTaskIdInvalid);
  });
});

describe(checkRequestTags.name, () => {
  it('allows 10 distinct tags over all users of a request, not 11', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}`);
    expect(codeOf(() => checkRequestTags([ten, ten]))).toBeUndefined();
    expect(codeOf(() => checkRequestTags([ten, ['t10']]))).toBe(ErrorCode.PushTooManyTags);
  });
});
