import type { CallerContext, SendContextReply } from '@im/contracts';

import { groupRefusal, groupRoamingDays } from './message.service';
import { resolveMessageSettings } from './message-settings.reader';

const user = (callerId: string): CallerContext => ({
  sdkAppId: 1,
  callerId,
  role: 'user',
  requestId: 'r',
});
const admin: CallerContext = {
  sdkAppId: 1,
  callerId: 'administrator',
  role: 'admin',
  requestId: 'r',
};

function context(overrides: Partial<SendContextReply> = {}, caps = {}): SendContextReply {
  return {
    groupId: 'g',
    type: 'Public',
    capabilities: {
      needsActivation: false,
      roamingDays: 7,
      ...caps,
    } as SendContextReply['capabilities'],
    ownerId: 'owner',
    isActive: true,
    muteAllMember: false,
    nextMsgSeq: 1,
    sender: null,
    refusalCode: 0,
    refusal: '',
    ...overrides,
  };
}

describe(groupRefusal.name, () => {
  it('passes the group service’s verdict on for users', () => {
    expect(groupRefusal(context({ refusalCode: 10017, refusal: 'muted' }), user('m'), 'm')).toEqual(
      {
        code: 10017,
        message: 'muted',
      },
    );
    expect(groupRefusal(context(), user('m'), 'm')).toBeUndefined();
  });

  it('lets only the owner send first in an inactive group (T18, MSG-14)', () => {
    const inactive = context({ isActive: false }, { needsActivation: true });
    expect(groupRefusal(inactive, user('m'), 'm')).toMatchObject({ code: 10007 });
    expect(groupRefusal(inactive, user('owner'), 'owner')).toBeUndefined();
  });

  it('lets the App admin name any sender, unless that sender is muted', () => {
    expect(
      groupRefusal(context({ refusalCode: 10007, refusal: 'not a member' }), admin, 'x'),
    ).toBeUndefined();
    expect(
      groupRefusal(context({ refusalCode: 10017, refusal: 'muted' }), admin, 'x'),
    ).toMatchObject({ code: 10017 });
  });
});

describe(groupRoamingDays.name, () => {
  it('follows the type unless the app set its own window; no roaming stays none (T24)', () => {
    const caps = (roamingDays: number) => ({ roamingDays }) as SendContextReply['capabilities'];
    expect(groupRoamingDays(caps(7), resolveMessageSettings())).toBe(7);
    expect(groupRoamingDays(caps(7), resolveMessageSettings({ roamingDays: 30 }))).toBe(30);
    expect(groupRoamingDays(caps(0), resolveMessageSettings({ roamingDays: 30 }))).toBe(0);
  });
});
