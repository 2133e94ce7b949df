import { ErrorCode, isPrivileged } from '@im/contracts';
import type { CallerContext, SendContextReply } from '@im/contracts';

import { MessageError } from './message.errors';
import {
  assertBody,
  assertPrivileged,
  c2cHiddenFrom,
  c2cOwners,
  friendshipRefusal,
  groupMessageExtra,
  groupRefusal,
  groupRoamingDays,
  importedC2cOwners,
  importSendTimeValid,
  senderExtra,
} from './message.rules';
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
    historyMsgBeforeJoin: false,
    nextMsgSeq: 1,
    createTime: 0,
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

describe(isPrivileged.name, () => {
  it('gives the App admin and services the admin’s rights, never a user', () => {
    expect(isPrivileged(admin)).toBe(true);
    expect(isPrivileged({ ...admin, role: 'service' })).toBe(true);
    expect(isPrivileged(user('m'))).toBe(false);
  });
});

describe(assertPrivileged.name, () => {
  it('refuses a user an admin command and lets the admin through', () => {
    expect(() => assertPrivileged('C2C', user('m'))).toThrow(MessageError);
    expect(() => assertPrivileged('GROUP', admin)).not.toThrow();
  });
});

describe(assertBody.name, () => {
  it('accepts a text message and refuses an empty body', () => {
    const text = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] as never;
    expect(() => assertBody('C2C', text)).not.toThrow();
    expect(() => assertBody('C2C', [])).toThrow(MessageError);
  });
});

describe(friendshipRefusal.name, () => {
  const friends = (receiverHasSender: boolean, senderHasReceiver: boolean) => ({
    receiverHasSender,
    senderHasReceiver,
  });

  it('lets anything through without a rule or between friends', () => {
    expect(friendshipRefusal('none', friends(false, false))).toBeUndefined();
    expect(friendshipRefusal('both', friends(true, true))).toBeUndefined();
  });

  it('answers 20009 when both must be friends and one side is missing', () => {
    expect(friendshipRefusal('both', friends(true, false))?.code).toBe(ErrorCode.C2cNotFriends);
    expect(friendshipRefusal('both', friends(false, true))?.code).toBe(ErrorCode.C2cNotFriends);
  });

  it('names the side that is missing for a one-way rule (20010 / 20011)', () => {
    expect(friendshipRefusal('receiver-has-sender', friends(false, true))?.code).toBe(
      ErrorCode.C2cSenderNotFriendOfReceiver,
    );
    expect(friendshipRefusal('sender-has-receiver', friends(true, false))?.code).toBe(
      ErrorCode.C2cReceiverNotFriendOfSender,
    );
  });
});

describe(senderExtra.name, () => {
  it('keeps the nickname and avatar the profile has, nothing for empty ones', () => {
    expect(senderExtra({ nick: 'Al', faceUrl: 'u' })).toEqual({
      senderNick: 'Al',
      senderFaceUrl: 'u',
    });
    expect(senderExtra({ nick: '' })).toEqual({});
  });
});

describe(groupMessageExtra.name, () => {
  const member = {
    role: 'Member',
    joinTime: 1,
    muteUntil: 0,
    msgFlag: 'AcceptAndNotify',
    msgSeq: 0,
  };

  it('carries the sender’s NameCard when the member has one (MSG-10)', () => {
    const sender = { ...member, nameCard: 'Bobby' } as SendContextReply['sender'];
    expect(groupMessageExtra({ nick: 'Bob' }, sender, {})).toEqual({
      senderNick: 'Bob',
      senderNameCard: 'Bobby',
    });
    const noCard = { ...member, nameCard: '' } as SendContextReply['sender'];
    expect(groupMessageExtra({}, noCard, {})).toEqual({});
    expect(groupMessageExtra({}, null, {})).toEqual({});
  });

  it('keeps a read receipt, a priority other than Normal and @ mentions', () => {
    const atInfo = [{ atAll: false, userId: 'bob' }];
    expect(
      groupMessageExtra({}, null, { needReadReceipt: true, priority: 'High', atInfo }),
    ).toEqual({ needReadReceipt: true, priority: 'High', atInfo });
    expect(groupMessageExtra({}, null, { priority: 'Normal', atInfo: [] })).toEqual({});
  });
});

describe(c2cOwners.name, () => {
  const send = { from: 'a', to: 'b', syncToSender: true, visibleToReceiver: true };
  const controls = { noUnread: false, movesLast: true };

  it('lands in both conversations, unread for the receiver only', () => {
    expect(c2cHiddenFrom(send)).toBeNull();
    expect(c2cOwners(send, controls)).toEqual([
      { userId: 'a', peer: 'b', countsUnread: false, isSender: true, movesLast: true },
      { userId: 'b', peer: 'a', countsUnread: true, isSender: false, movesLast: true },
    ]);
    expect(c2cOwners(send, { noUnread: true, movesLast: false })[1]).toMatchObject({
      countsUnread: false,
      movesLast: false,
    });
  });

  it('keeps it from a receiver that refuses C2C (AMB-24)', () => {
    const refused = { ...send, visibleToReceiver: false };
    expect(c2cHiddenFrom(refused)).toBe('b');
    expect(c2cOwners(refused, controls).map((o) => o.userId)).toEqual(['a']);
  });

  it('keeps it from a sender that asked not to sync (SyncOtherMachine 2)', () => {
    const unsynced = { ...send, syncToSender: false };
    expect(c2cHiddenFrom(unsynced)).toBe('a');
    expect(c2cOwners(unsynced, controls).map((o) => o.userId)).toEqual(['b']);
  });

  it('stores a message to oneself once, whatever the sync setting', () => {
    const self = { ...send, to: 'a', syncToSender: false };
    expect(c2cHiddenFrom(self)).toBeNull();
    expect(c2cOwners(self, controls)).toEqual([
      { userId: 'a', peer: 'a', countsUnread: false, isSender: true, movesLast: true },
    ]);
  });
});

describe(importedC2cOwners.name, () => {
  it('counts a real-time import unread for the receiver, a history import for no one', () => {
    expect(importedC2cOwners('a', 'b', true).map((o) => o.countsUnread)).toEqual([false, true]);
    expect(importedC2cOwners('a', 'b', false).map((o) => o.countsUnread)).toEqual([false, false]);
    expect(importedC2cOwners('a', 'a', true)).toHaveLength(1);
  });
});

describe(importSendTimeValid.name, () => {
  const bounds = { createTime: 1_000, previous: 0, now: 5_000 };

  it('accepts a SendTime from the group’s creation up to now (and a minute of clock skew)', () => {
    for (const t of [1_000, 3_000, 5_060]) expect(importSendTimeValid(t, bounds)).toBe(true);
  });

  it('refuses one before the group was created, in the future, or before the previous item', () => {
    expect(importSendTimeValid(999, bounds)).toBe(false);
    expect(importSendTimeValid(5_061, bounds)).toBe(false);
    expect(importSendTimeValid(2_000, { ...bounds, previous: 2_001 })).toBe(false);
  });
});
