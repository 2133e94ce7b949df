import { ErrorCode, MemberResults } from '@im/contracts';
import type { ModifyMemberRequest } from '@im/contracts';

import {
  importedPositions,
  importRefusal,
  memberChangeOf,
  modifyMemberProblem,
  resultOf,
} from './group-member.rules';
import { BUILTIN_CAPABILITIES } from './group-types.rules';
import type { MemberRow } from './group.schema';
import { resolveGroupSettings } from './group-settings.reader';

const publicCaps = BUILTIN_CAPABILITIES.Public;
const settings = resolveGroupSettings({
  groupMemberCustomFields: [
    {
      key: 'Level',
      groupTypes: ['Public'],
      readLevel: 'Member',
      writeLevel: 'Admin',
      selfRead: true,
      selfWrite: false,
    },
  ],
});
const makeMember = (overrides: Partial<MemberRow> = {}): MemberRow => ({
  sdkAppId: 1,
  groupId: 'g',
  userId: 'bob',
  role: 'Member',
  joinTime: 1,
  msgSeq: 0,
  msgFlag: 'AcceptAndNotify',
  lastSendMsgTime: 0,
  nameCard: '',
  muteUntil: 0,
  customData: {},
  ...overrides,
});
const makeRequest = (overrides: Partial<ModifyMemberRequest> = {}): ModifyMemberRequest => ({
  groupId: 'g',
  userId: 'bob',
  ...overrides,
});
const owner = { rank: 'Owner' as const, isSelf: false };
const self = { rank: 'Member' as const, isSelf: true };

describe(modifyMemberProblem.name, () => {
  const sut = modifyMemberProblem;

  it('lets the owner appoint an admin in a Public group', () => {
    expect(sut(publicCaps, 'Public', owner, makeMember(), makeRequest({ role: 'Admin' }))).toBe(
      undefined,
    );
  });

  it('rejects setting roles in a Private group with GroupPermissionDenied', () => {
    const caps = BUILTIN_CAPABILITIES.Private;

    expect(sut(caps, 'Private', owner, makeMember(), makeRequest({ role: 'Admin' }))?.code).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it("rejects changing the owner's role with GroupPermissionDenied", () => {
    const target = makeMember({ role: 'Owner' });

    expect(
      sut(
        publicCaps,
        'Public',
        { rank: 'AppAdmin', isSelf: false },
        target,
        makeRequest({ role: 'Member' }),
      )?.code,
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it("rejects setting another member's MsgFlag with GroupPermissionDenied", () => {
    const req = makeRequest({ msgFlag: 'AcceptNotNotify' });

    expect(sut(publicCaps, 'Public', owner, makeMember(), req)?.code).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(sut(publicCaps, 'Public', self, makeMember(), req)).toBeUndefined();
  });

  it("rejects a member changing another member's NameCard with GroupPermissionDenied", () => {
    const editor = { rank: 'Member' as const, isSelf: false };

    expect(
      sut(publicCaps, 'Public', editor, makeMember(), makeRequest({ nameCard: 'x' }))?.code,
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('rejects a member muting another with GroupPermissionDenied', () => {
    const editor = { rank: 'Member' as const, isSelf: false };

    expect(
      sut(publicCaps, 'Public', editor, makeMember(), makeRequest({ muteTime: 60 }))?.code,
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('rejects member custom data in a type without member fields with GroupInvalidParameter', () => {
    const req = makeRequest({ customData: [{ key: 'Level', value: '1' }] });

    expect(sut(BUILTIN_CAPABILITIES.AVChatRoom, 'AVChatRoom', owner, makeMember(), req)?.code).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });
});

describe(memberChangeOf.name, () => {
  const sut = memberChangeOf;

  it('patches only what differs and reports the info fields', () => {
    const target = makeMember({ nameCard: 'same' });
    const req = makeRequest({ nameCard: 'same', msgFlag: 'Discard' });

    const change = sut(publicCaps, settings, 'Public', self, target, req, 1000);

    expect(change).toEqual({ patch: { msgFlag: 'Discard' }, infoChanged: ['MsgFlag'] });
  });

  it('mutes from now and reports no info change for a mute alone', () => {
    const change = sut(
      publicCaps,
      settings,
      'Public',
      owner,
      makeMember(),
      makeRequest({ muteTime: 60 }),
      1000,
    );

    expect(change).toEqual({ patch: { muteUntil: 1060 }, infoChanged: [], muteUntil: 1060 });
  });

  it('sets a new role without an info change, and leaves an equal role alone', () => {
    const req = makeRequest({ role: 'Admin' });

    expect(sut(publicCaps, settings, 'Public', owner, makeMember(), req, 1).patch).toEqual({
      role: 'Admin',
    });
    expect(
      sut(publicCaps, settings, 'Public', owner, makeMember({ role: 'Admin' }), req, 1).patch,
    ).toEqual({});
  });

  it('writes declared member custom fields', () => {
    const req = makeRequest({ customData: [{ key: 'Level', value: '3' }] });

    const change = sut(publicCaps, settings, 'Public', owner, makeMember(), req, 1);

    expect(change.patch.customData).toEqual({ Level: '3' });
    expect(change.infoChanged).toEqual(['AppMemberDefinedData']);
  });

  it('rejects the first problem before any custom field with GroupPermissionDenied', () => {
    const req = makeRequest({ msgFlag: 'Discard', customData: [{ key: 'Nope', value: '1' }] });

    expect(() => sut(publicCaps, settings, 'Public', owner, makeMember(), req, 1)).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupPermissionDenied }),
    );
  });
});

describe(resultOf.name, () => {
  const sut = resultOf;
  const admission = { added: ['a'], alreadyMembers: ['b'], overQuota: ['c'], banned: ['d'] };

  it.each([
    ['a', MemberResults.Added, 0],
    ['b', MemberResults.AlreadyMember, 0],
    ['c', MemberResults.Failed, ErrorCode.UserGroupQuotaExceeded],
    ['d', MemberResults.Failed, ErrorCode.GroupPermissionDenied],
    ['gone', MemberResults.Failed, ErrorCode.GroupAccountNotFound],
    ['', MemberResults.Failed, ErrorCode.GroupInvalidParameter],
    ['other', MemberResults.Failed, ErrorCode.GroupInternalError],
  ])('reports %j as result %s with code %i', (userId, result, code) => {
    expect(sut(userId, admission, new Set(['gone']))).toEqual({ userId, result, code });
  });
});

describe(importRefusal.name, () => {
  const group = { adminsAllowed: true, createTime: 1_000 };
  const now = 5_000;

  it('accepts a JoinTime from the group’s creation up to now (and a minute of clock skew)', () => {
    for (const joinTime of [undefined, 1_000, 4_000, 5_060])
      expect(importRefusal({ userId: 'u', joinTime }, group, now)).toBe(0);
  });

  it('refuses a JoinTime before the group was created or in the future (10004)', () => {
    for (const joinTime of [999, 0, 5_061, 0xffffffff])
      expect(importRefusal({ userId: 'u', joinTime }, group, now)).toBe(
        ErrorCode.GroupInvalidParameter,
      );
  });

  it('refuses an invalid user ID (10004) and Admin where the type has none (10007)', () => {
    expect(importRefusal({ userId: '' }, group, now)).toBe(ErrorCode.GroupInvalidParameter);
    expect(
      importRefusal({ userId: 'u', role: 'Admin' }, { ...group, adminsAllowed: false }, now),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });
});

describe(importedPositions.name, () => {
  it('takes UnreadMsgNum positions from the anchor in order, MsgSeq as given, else all read', () => {
    const positions = importedPositions(
      [
        { userId: 'a', unreadMsgNum: 3 },
        { userId: 'b' },
        { userId: 'c', msgSeq: 6 },
        { userId: 'd', unreadMsgNum: 50 },
        { userId: 'e', msgSeq: 99 },
      ],
      { lastSeq: 10, readSeqs: [7, 0], unreads: [3, 10] },
    );
    expect(Object.fromEntries(positions)).toEqual({
      a: { readSeq: 7, unread: 3 },
      b: { readSeq: 10, unread: 0 },
      c: { readSeq: 6, unread: 4 },
      d: { readSeq: 0, unread: 10 },
      e: { readSeq: 10, unread: 0 },
    });
  });
});
