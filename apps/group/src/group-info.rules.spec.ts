import { ErrorCode } from '@im/contracts';
import type { ModifyGroupRequest } from '@im/contracts';

import { infoChangeOf, modifyInfoProblem } from './group-info.rules';
import { BUILTIN_CAPABILITIES } from './group-types.rules';
import type { GroupRow } from './group.schema';
import { resolveGroupSettings } from './group-settings.reader';
import { historyBeforeJoin } from './group-views.mapper';

const settings = resolveGroupSettings({
  groupCustomFields: [
    { key: 'Topic', groupTypes: ['Public'], readLevel: 'Member', writeLevel: 'Admin' },
  ],
});
const makeRequest = (overrides: Partial<ModifyGroupRequest> = {}): ModifyGroupRequest => ({
  groupId: 'g',
  ...overrides,
});
const makeGroup = (overrides: Partial<GroupRow> = {}): GroupRow =>
  ({
    sdkAppId: 1,
    groupId: 'g',
    type: 'Public',
    name: 'team',
    introduction: '',
    notification: '',
    faceUrl: '',
    maxMemberNum: 2000,
    applyJoinOption: 'NeedPermission',
    inviteJoinOption: null,
    muteAll: false,
    historyBeforeJoin: null,
    customData: {},
    ...overrides,
  }) as GroupRow;

describe(modifyInfoProblem.name, () => {
  const sut = modifyInfoProblem;
  const publicCaps = BUILTIN_CAPABILITIES.Public;

  it('lets the owner rename a Public group', () => {
    expect(
      sut(publicCaps, 'Owner', 'Public', makeRequest({ name: 'x' }), settings),
    ).toBeUndefined();
  });

  it('lets the owner but not a member set HistoryMsgBeforeJoin; no live room takes it', () => {
    const req = makeRequest({ historyMsgBeforeJoin: true });

    expect(sut(publicCaps, 'Owner', 'Public', req, settings)).toBeUndefined();
    expect(sut(publicCaps, 'Member', 'Public', req, settings)?.code).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(
      sut(BUILTIN_CAPABILITIES.AVChatRoom, 'AppAdmin', 'AVChatRoom', req, settings)?.code,
    ).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('rejects a member renaming a Public group with GroupPermissionDenied', () => {
    expect(sut(publicCaps, 'Member', 'Public', makeRequest({ name: 'x' }), settings)?.code).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects MaxMemberNum from anyone but the App admin with GroupPermissionDenied', () => {
    const req = makeRequest({ maxMemberNum: 10 });

    expect(sut(publicCaps, 'Owner', 'Public', req, settings)?.code).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('rejects a MaxMemberNum above the limit with GroupInvalidParameter', () => {
    const req = makeRequest({ maxMemberNum: 2001 });

    expect(sut(publicCaps, 'AppAdmin', 'Public', req, settings)?.code).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('rejects NeedPermission where nobody could approve with GroupInvalidParameter', () => {
    const req = makeRequest({ applyJoinOption: 'NeedPermission' });

    expect(sut(BUILTIN_CAPABILITIES.BChatRoom, 'AppAdmin', 'BChatRoom', req, settings)?.code).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('rejects InviteJoinOption on a room type with GroupInvalidParameter', () => {
    const req = makeRequest({ inviteJoinOption: 'FreeAccess' });

    expect(
      sut(BUILTIN_CAPABILITIES.AVChatRoom, 'AppAdmin', 'AVChatRoom', req, settings)?.code,
    ).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('ignores fields that are not asked', () => {
    expect(sut(publicCaps, 'Member', 'Public', makeRequest(), settings)).toBeUndefined();
  });
});

describe(infoChangeOf.name, () => {
  const sut = infoChangeOf;
  const publicCaps = BUILTIN_CAPABILITIES.Public;

  it('changes only what differs, in the reported order', () => {
    const req = makeRequest({ name: 'team', faceUrl: 'f', introduction: 'i', muteAllMember: true });

    const change = sut(makeGroup(), req, publicCaps, settings, 'Owner');

    expect(change.patch).toEqual({ introduction: 'i', faceUrl: 'f', muteAll: true });
    expect(change.changedFields).toEqual(['Introduction', 'FaceUrl', 'MuteAllMember']);
  });

  it('records HistoryMsgBeforeJoin as the own setting of the group', () => {
    const on = sut(
      makeGroup(),
      makeRequest({ historyMsgBeforeJoin: true }),
      publicCaps,
      settings,
      'Owner',
    );
    const same = sut(
      makeGroup({ historyBeforeJoin: true }),
      makeRequest({ historyMsgBeforeJoin: true }),
      publicCaps,
      settings,
      'Owner',
    );

    expect(on.patch).toEqual({ historyBeforeJoin: true });
    expect(on.changedFields).toEqual(['HistoryMsgBeforeJoin']);
    expect(same.changedFields).toEqual([]);
  });

  it('ignores MaxMemberNum for types without a member limit', () => {
    const change = sut(
      makeGroup({ type: 'AVChatRoom' }),
      makeRequest({ maxMemberNum: 10 }),
      BUILTIN_CAPABILITIES.AVChatRoom,
      settings,
      'AppAdmin',
    );

    expect(change.changedFields).toEqual([]);
  });

  it('ignores ApplyJoinOption for types that take no applications', () => {
    const change = sut(
      makeGroup({ type: 'Private', applyJoinOption: 'DisableApply' }),
      makeRequest({ applyJoinOption: 'FreeAccess' }),
      BUILTIN_CAPABILITIES.Private,
      settings,
      'Owner',
    );

    expect(change.changedFields).toEqual([]);
  });

  it('sets declared custom fields and reports their keys', () => {
    const req = makeRequest({ customData: [{ key: 'Topic', value: 'ops' }] });

    const change = sut(makeGroup(), req, publicCaps, settings, 'Admin');

    expect(change.patch.customData).toEqual({ Topic: 'ops' });
    expect(change.changedFields).toEqual(['AppDefinedData']);
    expect(change.changedKeys).toEqual(['Topic']);
  });

  it('rejects a custom field write below its level with GroupPermissionDenied', () => {
    const req = makeRequest({ customData: [{ key: 'Topic', value: 'ops' }] });

    expect(() => sut(makeGroup(), req, publicCaps, settings, 'Member')).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupPermissionDenied }),
    );
  });
});

describe(historyBeforeJoin.name, () => {
  it("is the group's own setting, else its type's default", () => {
    expect(historyBeforeJoin({ historyBeforeJoin: null }, BUILTIN_CAPABILITIES.Public)).toBe(false);
    expect(historyBeforeJoin({ historyBeforeJoin: null }, BUILTIN_CAPABILITIES.ChatRoom)).toBe(
      true,
    );
    expect(historyBeforeJoin({ historyBeforeJoin: true }, BUILTIN_CAPABILITIES.Public)).toBe(true);
    expect(historyBeforeJoin({ historyBeforeJoin: false }, BUILTIN_CAPABILITIES.ChatRoom)).toBe(
      false,
    );
  });
});
