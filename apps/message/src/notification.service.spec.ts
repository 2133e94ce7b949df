import { GroupEvt } from '@im/contracts';

import { factData, kindOf, namedGroupRecipients } from './notification.service';

describe(namedGroupRecipients.name, () => {
  it('names the users a group fact is about, so they hear it even when the group is gone', () => {
    expect(namedGroupRecipients(GroupEvt.MemberKicked, { userIds: ['a', 'b'] })).toEqual([
      'a',
      'b',
    ]);
    expect(namedGroupRecipients(GroupEvt.MemberLeft, { userIds: ['a'] })).toEqual(['a']);
    expect(namedGroupRecipients(GroupEvt.MemberMuted, { userIds: ['m'] })).toEqual(['m']);
    expect(namedGroupRecipients(GroupEvt.RoleChanged, { userId: 'r' })).toEqual(['r']);
    expect(
      namedGroupRecipients(GroupEvt.OwnerChanged, { previousOwnerId: 'old', newOwnerId: 'new' }),
    ).toEqual(['old', 'new']);
  });

  it('names nobody for facts about the group itself', () => {
    expect(namedGroupRecipients(GroupEvt.InfoChanged, { changedFields: ['Name'] })).toEqual([]);
    expect(namedGroupRecipients(GroupEvt.OwnerChanged, { newOwnerId: '' })).toEqual([]);
  });
});

describe(kindOf.name, () => {
  it('names a notification after its fact without `.evt`', () => {
    expect(kindOf(GroupEvt.MemberJoined)).toBe('group.member-joined');
    expect(kindOf('relation.evt.friend-added')).toBe('relation.friend-added');
  });
});

describe(factData.name, () => {
  it('leaves the envelope out of the data', () => {
    expect(
      factData({ eventId: 'e', sdkAppId: 1, occurredAt: 't', requestId: 'r', groupId: 'g' }),
    ).toEqual({ groupId: 'g' });
  });
});
