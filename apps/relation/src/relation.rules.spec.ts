import { ErrorCode } from '@im/contracts';
import type { CallerContext } from '@im/contracts';

import {
  addSourceProblem,
  addWordingProblem,
  assertActsAs,
  checkPairs,
  checkRelation,
  decideFriendAdd,
  freeListId,
  inOrder,
  listNameProblem,
  pageWindow,
  remarkProblem,
  targetProblem,
} from './relation.rules';
import type { FriendAddFacts } from './relation.rules';

function makeFacts(overrides: Partial<FriendAddFacts> = {}): FriendAddFacts {
  return {
    addType: 'both',
    force: false,
    requesterForbid: 'AdminForbid_Type_None',
    targetAllowType: 'AllowType_Type_AllowAny',
    requesterBlocksTarget: false,
    targetBlocksRequester: false,
    hasForward: false,
    hasReverse: false,
    requesterFriendCount: 0,
    targetFriendCount: 0,
    friendLimit: 1000,
    ...overrides,
  };
}

const codeOf = (facts: Partial<FriendAddFacts>) => {
  const d = decideFriendAdd(makeFacts(facts));
  return d.kind === 'fail' ? d.code : d.kind;
};

describe(decideFriendAdd.name, () => {
  it('adds both directions at once for an AllowAny target (REL-12, AMB-28 default both)', () => {
    expect(decideFriendAdd(makeFacts())).toEqual({ kind: 'add', forward: true, reverse: true });
  });

  it('adds one direction for Add_Type_Single', () => {
    expect(decideFriendAdd(makeFacts({ addType: 'single' }))).toEqual({
      kind: 'add',
      forward: true,
      reverse: false,
    });
  });

  it('makes a pending request for a NeedConfirm target (REL-13)', () => {
    expect(codeOf({ targetAllowType: 'AllowType_Type_NeedConfirm' })).toBe('pending');
  });

  it('refuses a DenyAny target with TargetDeniesAll (REL-15)', () => {
    expect(codeOf({ targetAllowType: 'AllowType_Type_DenyAny' })).toBe(ErrorCode.TargetDeniesAll);
  });

  it.each(['AllowType_Type_NeedConfirm', 'AllowType_Type_DenyAny'] as const)(
    'lets a forced add past %s',
    (targetAllowType) => {
      expect(codeOf({ targetAllowType, force: true })).toBe('add');
    },
  );

  it('needs no confirmation when the target already lists the requester (AMB-28)', () => {
    expect(
      decideFriendAdd(
        makeFacts({ targetAllowType: 'AllowType_Type_NeedConfirm', hasReverse: true }),
      ),
    ).toEqual({ kind: 'add', forward: true, reverse: false });
    expect(codeOf({ targetAllowType: 'AllowType_Type_DenyAny', hasReverse: true })).toBe('add');
  });

  it('asks again for the missing direction of a one-way friend added both ways', () => {
    expect(codeOf({ hasForward: true, targetAllowType: 'AllowType_Type_NeedConfirm' })).toBe(
      'pending',
    );
    expect(decideFriendAdd(makeFacts({ hasForward: true }))).toEqual({
      kind: 'add',
      forward: false,
      reverse: true,
    });
  });

  it('reports an existing friend with SnsInvalidParameters (REL-21)', () => {
    expect(codeOf({ hasForward: true, hasReverse: true })).toBe(ErrorCode.SnsInvalidParameters);
    expect(codeOf({ hasForward: true, addType: 'single' })).toBe(ErrorCode.SnsInvalidParameters);
  });

  it('refuses a requester with AdminForbid_Type_SendOut, even forced (REL-16)', () => {
    expect(codeOf({ requesterForbid: 'AdminForbid_Type_SendOut', force: true })).toBe(
      ErrorCode.FriendRequestForbidden,
    );
  });

  it('refuses blacklisted pairs either way, even forced (REL-17)', () => {
    expect(codeOf({ requesterBlocksTarget: true, force: true })).toBe(
      ErrorCode.TargetInRequesterBlacklist,
    );
    expect(codeOf({ targetBlocksRequester: true, force: true })).toBe(
      ErrorCode.RequesterInTargetBlacklist,
    );
  });

  it("refuses past the requester's limit and the peer's limit (REL-4)", () => {
    expect(codeOf({ requesterFriendCount: 1000 })).toBe(ErrorCode.FriendLimitReached);
    expect(codeOf({ targetFriendCount: 1000 })).toBe(ErrorCode.PeerFriendLimitReached);
    expect(codeOf({ targetFriendCount: 1000, addType: 'single' })).toBe('add');
    expect(codeOf({ requesterFriendCount: 999, targetFriendCount: 999 })).toBe('add');
    expect(
      codeOf({
        requesterFriendCount: 5,
        friendLimit: 5,
        targetAllowType: 'AllowType_Type_NeedConfirm',
      }),
    ).toBe(ErrorCode.FriendLimitReached);
  });

  it('checks in the documented order: forbid, blacklists, existing, DenyAny, limits', () => {
    expect(
      codeOf({
        requesterForbid: 'AdminForbid_Type_SendOut',
        requesterBlocksTarget: true,
        requesterFriendCount: 1000,
      }),
    ).toBe(ErrorCode.FriendRequestForbidden);
    expect(codeOf({ requesterBlocksTarget: true, targetBlocksRequester: true })).toBe(
      ErrorCode.TargetInRequesterBlacklist,
    );
    expect(codeOf({ targetAllowType: 'AllowType_Type_DenyAny', requesterFriendCount: 1000 })).toBe(
      ErrorCode.TargetDeniesAll,
    );
  });
});

describe(checkRelation.name, () => {
  it.each([
    [true, true, 'both', 'BothWay'],
    [true, false, 'both', 'AWithB'],
    [false, true, 'both', 'BWithA'],
    [false, false, 'both', 'NoRelation'],
    [true, true, 'single', 'AWithB'],
    [false, true, 'single', 'NoRelation'],
  ] as const)('A has B %s, B has A %s, %s check: %s', (aHasB, bHasA, type, relation) => {
    expect(checkRelation(aHasB, bHasA, type)).toBe(relation);
  });
});

describe(pageWindow.name, () => {
  it('gives the next start until the end, then 0', () => {
    expect(pageWindow(250, 0, 100)).toEqual({
      offset: 0,
      limit: 100,
      nextStartIndex: 100,
      isComplete: false,
    });
    expect(pageWindow(250, 200, 100)).toMatchObject({ nextStartIndex: 0, isComplete: true });
    expect(pageWindow(200, 100, 100)).toMatchObject({ nextStartIndex: 0, isComplete: true });
    expect(pageWindow(0, 0, 100)).toMatchObject({ nextStartIndex: 0, isComplete: true });
    expect(pageWindow(5, 10, 100)).toMatchObject({ nextStartIndex: 0, isComplete: true });
  });
});

describe('field rules', () => {
  it('accepts AddSource_Type_ + 1..8 letters only (REL-8)', () => {
    expect(addSourceProblem('AddSource_Type_Android')).toBeUndefined();
    expect(addSourceProblem('AddSource_Type_A')).toBeUndefined();
    for (const bad of [
      undefined,
      null,
      '',
      'AddSource_Type_',
      'AddSource_Type_NineChars',
      'AddSource_Type_A1',
      'Android',
    ])
      expect(addSourceProblem(bad)?.code).toBe(ErrorCode.SnsInvalidParameters);
  });

  it('limits Remark to 96 and AddWording to 256 bytes, counting UTF-8 (REL-7, REL-9)', () => {
    expect(remarkProblem('é'.repeat(48))).toBeUndefined();
    expect(remarkProblem('é'.repeat(48) + 'x')?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(addWordingProblem('w'.repeat(256), false)).toBeUndefined();
    expect(addWordingProblem('w'.repeat(257), false)?.code).toBe(ErrorCode.SnsInvalidParameters);
  });

  it('requires AddWording when the app says so (REL-19)', () => {
    expect(addWordingProblem(undefined, true)?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(addWordingProblem('', true)?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(addWordingProblem('hi', true)).toBeUndefined();
    expect(addWordingProblem(undefined, false)).toBeUndefined();
  });

  it('takes list names of 1..30 bytes (REL-6)', () => {
    expect(listNameProblem('n'.repeat(30))).toBeUndefined();
    expect(listNameProblem('')?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(listNameProblem('n'.repeat(31))?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(listNameProblem(3)?.code).toBe(ErrorCode.SnsInvalidParameters);
  });

  it('gives list IDs 1..32, the smallest free one first', () => {
    expect(freeListId([])).toBe(1);
    expect(freeListId([1, 2, 4])).toBe(3);
    expect(freeListId(Array.from({ length: 32 }, (_, i) => i + 1))).toBeUndefined();
  });

  it('refuses invalid or own IDs as targets', () => {
    expect(targetProblem('a', 'b')).toBeUndefined();
    expect(targetProblem('a', 'a')?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(targetProblem('a', '')?.code).toBe(ErrorCode.SnsInvalidParameters);
    expect(targetProblem('a', 'x'.repeat(33))?.code).toBe(ErrorCode.SnsInvalidParameters);
  });
});

describe(assertActsAs.name, () => {
  const caller = (role: CallerContext['role'], callerId: string): CallerContext => ({
    sdkAppId: 1,
    role,
    callerId,
    requestId: 'r',
  });

  it('lets admins and services act for anyone and a user only for itself', () => {
    expect(() => assertActsAs(caller('admin', 'administrator'), 'alice')).not.toThrow();
    expect(() => assertActsAs(caller('service', 'message'), 'alice')).not.toThrow();
    expect(() => assertActsAs(caller('user', 'alice'), 'alice')).not.toThrow();
    expect(() => assertActsAs(caller('user', 'bob'), 'alice')).toThrow(
      expect.objectContaining({ code: ErrorCode.SnsAdminRequired }),
    );
  });
});

describe(checkPairs.name, () => {
  const sut = checkPairs;
  const listOf = (ids: string[]) => () => Promise.resolve(new Set(ids));

  it('answers each distinct target from the forward and reverse lists', async () => {
    const reply = await sut(
      { userId: 'alice', toUserIds: ['bob', 'carol', 'bob', 'dave'], checkType: 'both' },
      listOf(['bob', 'carol']),
      listOf(['bob', 'dave']),
    );

    expect(reply.results.map((r) => [r.userId, r.relation])).toEqual([
      ['bob', 'BothWay'],
      ['carol', 'AWithB'],
      ['dave', 'BWithA'],
    ]);
  });

  it('does not look at the reverse lists for a single check', async () => {
    const reverse = jest.fn(listOf(['bob']));

    const reply = await sut(
      { userId: 'alice', toUserIds: ['bob'], checkType: 'single' },
      listOf([]),
      reverse,
    );

    expect(reply.results[0].relation).toBe('NoRelation');
    expect(reverse).not.toHaveBeenCalled();
  });

  it('rejects oneself as target with SnsInvalidParameters and NoRelation', async () => {
    const reply = await sut(
      { userId: 'alice', toUserIds: ['alice'], checkType: 'both' },
      listOf(['alice']),
      listOf(['alice']),
    );

    expect(reply.results[0]).toMatchObject({
      relation: 'NoRelation',
      code: ErrorCode.SnsInvalidParameters,
    });
  });
});

describe(inOrder.name, () => {
  it('lists the targets in order, OK where nothing failed', () => {
    const failure = { code: ErrorCode.NotAFriend, message: 'not a friend' };

    expect(inOrder(['a', 'b'], new Map([['b', failure]]))).toEqual([
      { userId: 'a', code: ErrorCode.Ok, message: '' },
      { userId: 'b', ...failure },
    ]);
  });
});
