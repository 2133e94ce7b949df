import { ErrorCode } from '@im/contracts';
import type { CreateGroupRequest, GroupTypeCapabilities } from '@im/contracts';

import type { Actor } from './group-actor.model';
import {
  accountsToCheck,
  createGroupProblem,
  creationMemberLimit,
  creationOwnerId,
  initialMemberRows,
  initialMembersOf,
  newGroupRow,
  planGroupCreation,
  quotaError,
} from './group-create.rules';
import { BUILTIN_CAPABILITIES } from './group-types.rules';
import { resolveGroupSettings } from './group-settings.reader';

const admin: Actor = { isAppAdmin: true, userId: null, operatorId: 'admin' };
const alice: Actor = { isAppAdmin: false, userId: 'alice', operatorId: 'alice' };
const settings = resolveGroupSettings({ avChatRoomEnabled: true, bChatRoomEnabled: true });
const caps = (type: keyof typeof BUILTIN_CAPABILITIES): GroupTypeCapabilities =>
  BUILTIN_CAPABILITIES[type];
const makeRequest = (overrides: Partial<CreateGroupRequest> = {}): CreateGroupRequest => ({
  type: 'Public',
  name: 'team',
  ...overrides,
});
const codeOf = (error: { code: number } | undefined) => error?.code;

describe(createGroupProblem.name, () => {
  const sut = createGroupProblem;

  it('accepts a user creating a Public group with members', () => {
    const req = makeRequest({ members: [{ userId: 'bob' }, { userId: 'carol', role: 'Admin' }] });

    expect(sut(caps('Public'), alice, req, settings)).toBeUndefined();
  });

  it('rejects an AVChatRoom the app has not switched on with PremiumFeatureRequired', () => {
    const off = resolveGroupSettings({});

    expect(codeOf(sut(caps('AVChatRoom'), alice, makeRequest(), off))).toBe(
      ErrorCode.PremiumFeatureRequired,
    );
  });

  it('rejects an import by a user with GroupPermissionDenied', () => {
    expect(codeOf(sut(caps('Public'), alice, makeRequest(), settings, true))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects an import of a type that takes none with GroupPermissionDenied', () => {
    expect(codeOf(sut(caps('AVChatRoom'), admin, makeRequest(), settings, true))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects a user creating an admin-only type with GroupPermissionDenied', () => {
    expect(codeOf(sut(caps('BChatRoom'), alice, makeRequest(), settings))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects a user naming someone else as owner with GroupInvalidParameter', () => {
    expect(codeOf(sut(caps('Public'), alice, makeRequest({ ownerId: 'bob' }), settings))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('rejects an owner for a type without owners with GroupInvalidParameter', () => {
    expect(codeOf(sut(caps('BChatRoom'), admin, makeRequest({ ownerId: 'bob' }), settings))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('rejects owner custom data without an owner with GroupInvalidParameter', () => {
    const req = makeRequest({ ownerCustomData: [{ key: 'Level', value: '1' }] });

    expect(codeOf(sut(caps('Public'), admin, req, settings))).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('rejects a custom group ID from a user with GroupPermissionDenied', () => {
    expect(codeOf(sut(caps('Public'), alice, makeRequest({ groupId: 'mine' }), settings))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects a custom group ID with the generated prefix with GroupIdInvalid', () => {
    expect(codeOf(sut(caps('Public'), admin, makeRequest({ groupId: '@TGS#x' }), settings))).toBe(
      ErrorCode.GroupIdInvalid,
    );
  });

  it('rejects initial members of a room type with GroupPermissionDenied', () => {
    const req = makeRequest({ members: [{ userId: 'bob' }] });

    expect(codeOf(sut(caps('AVChatRoom'), alice, req, settings))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects initial admins of a type without admins with GroupPermissionDenied', () => {
    const req = makeRequest({ members: [{ userId: 'bob', role: 'Admin' }] });

    expect(codeOf(sut(caps('Private'), alice, req, settings))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects an invalid member ID with GroupInvalidParameter', () => {
    const req = makeRequest({ members: [{ userId: '' }] });

    expect(codeOf(sut(caps('Public'), alice, req, settings))).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('rejects a MaxMemberCount above the type limit with GroupInvalidParameter', () => {
    expect(codeOf(sut(caps('Public'), alice, makeRequest({ maxMemberNum: 2001 }), settings))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('rejects more first members than MaxMemberCount with GroupFull', () => {
    const req = makeRequest({ maxMemberNum: 2, members: [{ userId: 'bob' }, { userId: 'carol' }] });

    expect(codeOf(sut(caps('Public'), alice, req, settings))).toBe(ErrorCode.GroupFull);
  });

  it('rejects NeedPermission where nobody could approve with GroupInvalidParameter', () => {
    const req = makeRequest({ applyJoinOption: 'NeedPermission' });

    expect(codeOf(sut(caps('BChatRoom'), admin, req, settings))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('rejects InviteJoinOption on a room type with GroupInvalidParameter', () => {
    const req = makeRequest({ inviteJoinOption: 'FreeAccess' });

    expect(codeOf(sut(caps('AVChatRoom'), alice, req, settings))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('checks the feature switch before who may create the type', () => {
    const off = resolveGroupSettings({});

    expect(codeOf(sut(caps('BChatRoom'), alice, makeRequest(), off))).toBe(
      ErrorCode.PremiumFeatureRequired,
    );
  });
});

describe(planGroupCreation.name, () => {
  const sut = planGroupCreation;

  it('rejects an unknown type with GroupInvalidParameter', () => {
    expect(() => sut(settings, alice, makeRequest({ type: 'Nope' }), false)).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupInvalidParameter }),
    );
  });

  it('throws the first problem of createGroupProblem', () => {
    expect(() => sut(settings, alice, makeRequest({ groupId: 'mine' }), false)).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupPermissionDenied }),
    );
  });

  it('rejects member custom data on a type without member fields with GroupInvalidParameter', () => {
    const req = makeRequest({
      type: 'AVChatRoom',
      ownerCustomData: [{ key: 'Level', value: '1' }],
    });

    expect(() => sut(settings, alice, req, false)).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupInvalidParameter }),
    );
  });

  it('rejects undeclared group custom fields with GroupInvalidParameter', () => {
    const req = makeRequest({ customData: [{ key: 'Topic', value: 'x' }] });

    expect(() => sut(settings, alice, req, false)).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupInvalidParameter }),
    );
  });

  it('makes the creating user the owner with the type defaults', () => {
    const plan = sut(settings, alice, makeRequest({ type: 'Private' }), false);

    expect(plan).toMatchObject({
      type: 'Private',
      ownerId: 'alice',
      customId: undefined,
      maxMemberNum: 200,
      applyJoinOption: 'DisableApply',
      isActive: false,
      creatorRank: 'Owner',
    });
  });

  it('keeps an imported group that needs activation active', () => {
    const plan = sut(settings, admin, makeRequest({ type: 'Private', ownerId: 'bob' }), true);

    expect(plan).toMatchObject({ ownerId: 'bob', isActive: true, imported: true });
  });

  it('takes the App admin custom ID and declared custom fields', () => {
    const withFields = resolveGroupSettings({
      groupCustomFields: [
        { key: 'Topic', groupTypes: ['Public'], readLevel: 'Member', writeLevel: 'Admin' },
      ],
    });
    const req = makeRequest({ groupId: 'team-1', customData: [{ key: 'Topic', value: 'ops' }] });

    const plan = sut(withFields, admin, req, false);

    expect(plan).toMatchObject({ customId: 'team-1', groupData: { Topic: 'ops' } });
  });
});

describe('creation helpers', () => {
  it('names the creating user as owner, else the owner the App admin names, else none', () => {
    expect(creationOwnerId(alice, { ownerId: 'bob' })).toBe('alice');
    expect(creationOwnerId(admin, { ownerId: 'bob' })).toBe('bob');
    expect(creationOwnerId(admin, { ownerId: '' })).toBeNull();
  });

  it('keeps each initial member once and leaves the owner out', () => {
    const req = { members: [{ userId: 'alice' }, { userId: 'bob' }, { userId: 'bob' }] };

    expect(initialMembersOf(req, 'alice').map((m) => m.userId)).toEqual(['bob']);
  });

  it('defaults MaxMemberCount to the type limit and has none for room types', () => {
    expect(creationMemberLimit(caps('Public'), { memberCap: 500 }, {})).toBe(500);
    expect(creationMemberLimit(caps('Public'), { memberCap: null }, { maxMemberNum: 9 })).toBe(9);
    expect(creationMemberLimit(caps('AVChatRoom'), { memberCap: null }, {})).toBe(0);
  });

  it('checks the accounts of a named owner and of the initial members', () => {
    const req = makeRequest({ ownerId: 'bob', members: [{ userId: 'carol' }] });

    expect(accountsToCheck(planGroupCreation(settings, admin, req, false), admin)).toEqual([
      'bob',
      'carol',
    ]);
    expect(
      accountsToCheck(planGroupCreation(settings, alice, makeRequest(), false), alice),
    ).toEqual([]);
  });

  it('builds the owner row first, then the members with their defaults', () => {
    const req = makeRequest({ members: [{ userId: 'bob', role: 'Admin', nameCard: 'B' }] });
    const plan = planGroupCreation(settings, alice, req, false);

    const rows = initialMemberRows({ sdkAppId: 1, groupId: 'g' }, plan, settings, 100);

    expect(rows).toEqual([
      expect.objectContaining({ userId: 'alice', role: 'Owner', joinTime: 100 }),
      expect.objectContaining({ userId: 'bob', role: 'Admin', nameCard: 'B', msgSeq: 0 }),
    ]);
  });

  it('stores the group with empty texts by default', () => {
    const plan = planGroupCreation(settings, alice, makeRequest(), false);

    expect(newGroupRow(1, plan, makeRequest(), 100)).toMatchObject({
      sdkAppId: 1,
      type: 'Public',
      introduction: '',
      createTime: 100,
      lastInfoTime: 100,
      inviteJoinOption: null,
    });
  });

  it.each([
    ['daily', ErrorCode.GroupRateLimited],
    ['bchatroom', ErrorCode.AvChatRoomQuotaExceeded],
    ['total', ErrorCode.AvChatRoomQuotaExceeded],
  ] as const)('rejects a used-up %s quota with code %i', (verdict, code) => {
    const limits = { dailyCreateLimit: 1, bChatRoomLimit: 1, appGroupLimit: 1 };

    expect(quotaError(verdict, limits).code).toBe(code);
  });
});
