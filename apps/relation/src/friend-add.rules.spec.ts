import { ErrorCode } from '@im/contracts';
import type { AddFriendItem, ImportFriendItem } from '@im/contracts';

import {
  acceptProblem,
  addItemProblem,
  friendRow,
  importedRow,
  importItemProblem,
  importTargetProblem,
  screenItems,
} from './friend-add.rules';
import type { AcceptFacts, FriendImportFacts } from './friend-add.rules';

const makeAddItem = (overrides: Partial<AddFriendItem> = {}): AddFriendItem => ({
  toUserId: 'bob',
  addSource: 'AddSource_Type_Web',
  ...overrides,
});
const makeImportItem = (overrides: Partial<ImportFriendItem> = {}): ImportFriendItem => ({
  toUserId: 'bob',
  addSource: 'AddSource_Type_Web',
  ...overrides,
});
const declared = { snsCustomFields: new Map([['Tag_SNS_Custom_Level', 'string' as const]]) };

describe(addItemProblem.name, () => {
  const sut = addItemProblem;

  it('accepts a well-formed item', () => {
    expect(sut('alice', makeAddItem(), { wordingRequired: false })).toBeUndefined();
  });

  it.each([
    ['oneself as target', makeAddItem({ toUserId: 'alice' })],
    ['a missing AddSource', makeAddItem({ addSource: undefined })],
    ['a Remark over 96 bytes', makeAddItem({ remark: 'x'.repeat(97) })],
    ['an empty list name', makeAddItem({ groupName: '' })],
  ])('rejects %s with SnsInvalidParameters', (_what, item) => {
    expect(sut('alice', item, { wordingRequired: false })?.code).toBe(
      ErrorCode.SnsInvalidParameters,
    );
  });

  it('rejects a missing AddWording the app requires with SnsInvalidParameters', () => {
    expect(sut('alice', makeAddItem(), { wordingRequired: true })?.code).toBe(
      ErrorCode.SnsInvalidParameters,
    );
  });
});

describe(importItemProblem.name, () => {
  const sut = importItemProblem;

  it('accepts declared custom fields and list names', () => {
    const item = makeImportItem({
      groupNames: ['work'],
      customItems: [{ tag: 'Tag_SNS_Custom_Level', value: '3' }],
    });

    expect(sut('alice', item, declared)).toBeUndefined();
  });

  it.each([
    ['an undeclared custom field', [{ tag: 'Tag_SNS_Custom_Other', value: '1' }]],
    [
      'a custom field given twice',
      [
        { tag: 'Tag_SNS_Custom_Level', value: '1' },
        { tag: 'Tag_SNS_Custom_Level', value: '2' },
      ],
    ],
    ['a custom value that is not a string', [{ tag: 'Tag_SNS_Custom_Level', value: 1 }]],
  ])('rejects %s with SnsInvalidParameters', (_what, customItems) => {
    const item = makeImportItem({ customItems });

    expect(sut('alice', item, declared)?.code).toBe(ErrorCode.SnsInvalidParameters);
  });

  it('does not require AddWording', () => {
    expect(sut('alice', makeImportItem({ addWording: undefined }), declared)).toBeUndefined();
  });
});

describe(importTargetProblem.name, () => {
  const sut = importTargetProblem;
  const makeFacts = (overrides: Partial<FriendImportFacts> = {}): FriendImportFacts => ({
    requesterBlocksTarget: false,
    targetBlocksRequester: false,
    hasForward: false,
    friendCount: 0,
    friendLimit: 10,
    ...overrides,
  });

  it('imports a target with no relation into a table with room', () => {
    expect(sut(makeFacts())).toBeUndefined();
  });

  it('rejects a target in the requester’s blacklist with TargetInRequesterBlacklist', () => {
    expect(sut(makeFacts({ requesterBlocksTarget: true, hasForward: true }))?.code).toBe(
      ErrorCode.TargetInRequesterBlacklist,
    );
  });

  it('rejects a requester in the target’s blacklist with RequesterInTargetBlacklist', () => {
    expect(sut(makeFacts({ targetBlocksRequester: true }))?.code).toBe(
      ErrorCode.RequesterInTargetBlacklist,
    );
  });

  it('rejects an existing friend with SnsInvalidParameters', () => {
    expect(sut(makeFacts({ hasForward: true, friendCount: 10 }))?.code).toBe(
      ErrorCode.SnsInvalidParameters,
    );
  });

  it('rejects a full table with FriendLimitReached', () => {
    expect(sut(makeFacts({ friendCount: 10 }))?.code).toBe(ErrorCode.FriendLimitReached);
  });
});

describe(acceptProblem.name, () => {
  const sut = acceptProblem;
  const makeFacts = (overrides: Partial<AcceptFacts> = {}): AcceptFacts => ({
    both: true,
    hasForward: false,
    hasReverse: false,
    requesterFriendCount: 0,
    acceptorFriendCount: 0,
    friendLimit: 10,
    ...overrides,
  });

  it('accepts when both tables have room', () => {
    expect(sut(makeFacts())).toBeUndefined();
  });

  it("rejects a full requester's table with PeerFriendLimitReached, before the acceptor's", () => {
    expect(sut(makeFacts({ requesterFriendCount: 10, acceptorFriendCount: 10 }))?.code).toBe(
      ErrorCode.PeerFriendLimitReached,
    );
  });

  it("rejects a full acceptor's table with FriendLimitReached when adding both ways", () => {
    expect(sut(makeFacts({ acceptorFriendCount: 10 }))?.code).toBe(ErrorCode.FriendLimitReached);
    expect(sut(makeFacts({ acceptorFriendCount: 10, both: false }))).toBeUndefined();
    expect(sut(makeFacts({ acceptorFriendCount: 10, hasReverse: true }))).toBeUndefined();
  });

  it('ignores a full table whose direction exists already', () => {
    expect(sut(makeFacts({ requesterFriendCount: 10, hasForward: true }))).toBeUndefined();
  });
});

describe(friendRow.name, () => {
  it('dates the remark and the add now, and fills empty fields', () => {
    expect(friendRow('alice', 'bob', { remark: 'B', groups: [], addSource: 'S' }, 100)).toEqual({
      userId: 'alice',
      friendId: 'bob',
      remark: 'B',
      remarkTime: 100,
      groups: [],
      addSource: 'S',
      addWording: '',
      addTime: 100,
      custom: {},
    });
  });

  it('has no remark time without a remark', () => {
    expect(friendRow('alice', 'bob', { groups: ['g'], addSource: 'S' }, 100).remarkTime).toBe(0);
  });
});

describe(importedRow.name, () => {
  it('keeps the given times and custom fields', () => {
    const item = makeImportItem({
      remark: 'B',
      remarkTime: 5,
      addTime: 7,
      customItems: [{ tag: 'Tag_SNS_Custom_Level', value: '3' }],
    });

    expect(importedRow('alice', item, ['g'], 100)).toMatchObject({
      remarkTime: 5,
      addTime: 7,
      groups: ['g'],
      custom: { Tag_SNS_Custom_Level: '3' },
    });
  });
});

describe(screenItems.name, () => {
  const sut = screenItems;
  const items = [
    { toUserId: 'bob' },
    { toUserId: 'bad' },
    { toUserId: 'bob' },
    { toUserId: 'gone' },
  ];
  const problemOf = (i: { toUserId: string }) =>
    i.toUserId === 'bad' ? { code: ErrorCode.SnsInvalidParameters, message: 'bad' } : undefined;
  const existing = (ids: string[]) => Promise.resolve(new Set(ids.filter((id) => id !== 'gone')));

  it('keeps each target once, with its failure or as a candidate', async () => {
    const screened = await sut('alice', items, problemOf, existing);

    expect(screened.targets).toEqual(['bob', 'bad', 'gone']);
    expect(screened.candidates).toEqual([{ toUserId: 'bob' }]);
    expect(screened.results.get('bad')?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(screened.results.get('gone')?.code).toBe(ErrorCode.SnsAccountNotFound);
    expect(screened.looked).toBe(true);
  });

  it('rejects a requester that does not exist with SnsAccountNotFound', async () => {
    await expect(sut('gone', [{ toUserId: 'bob' }], problemOf, existing)).rejects.toMatchObject({
      code: ErrorCode.SnsAccountNotFound,
    });
  });

  it('looks nobody up when no item passes the rules', async () => {
    const lookup = jest.fn(existing);

    const screened = await sut('alice', [{ toUserId: 'bad' }], problemOf, lookup);

    expect(screened.looked).toBe(false);
    expect(lookup).not.toHaveBeenCalled();
  });
});
