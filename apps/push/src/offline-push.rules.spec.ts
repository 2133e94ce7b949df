import type { ChatMessage, OfflinePushRequestedEvent } from '@im/contracts';

import {
  MESSAGE_NOTIFICATION_TTL_SECONDS,
  messageNotification,
  messageNotificationTitle,
} from './offline-push.rules';

const message = (overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  convId: 'c2c:alice:bob',
  type: 'C2C',
  seq: 7,
  time: 1_700_000_000,
  random: 1,
  msgKey: '7_1_1700000000',
  from: 'alice',
  to: 'bob',
  body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
  ...overrides,
});

const event = (
  m: ChatMessage,
  offlinePush?: Record<string, unknown>,
): OfflinePushRequestedEvent => ({
  eventId: '2f1c1a4e-52c8-4c1f-9c7a-8f1d2a3b4c5d',
  sdkAppId: 1400000001,
  occurredAt: '2024-05-01T10:00:00.000Z',
  requestId: 'r1',
  userIds: ['bob'],
  message: m,
  ...(offlinePush && { offlinePush }),
});

describe(messageNotificationTitle.name, () => {
  it('titles a C2C message with the sender’s nickname, else its user ID', () => {
    expect(messageNotificationTitle(message({ senderNick: 'Al' }))).toBe('Al');
    expect(messageNotificationTitle(message({ senderNameCard: 'card' }))).toBe('alice');
  });

  it('titles a group message with the sender’s NameCard, then nickname, then user ID', () => {
    const group = { type: 'GROUP' as const };
    expect(
      messageNotificationTitle(message({ ...group, senderNameCard: 'A', senderNick: 'N' })),
    ).toBe('A');
    expect(messageNotificationTitle(message({ ...group, senderNick: 'N' }))).toBe('N');
    expect(messageNotificationTitle(message(group))).toBe('alice');
  });
});

describe(messageNotification.name, () => {
  it('carries the message’s conversation and key, expires in a day, collapses per message', () => {
    const before = Math.floor(Date.now() / 1000);
    const n = messageNotification(event(message({ senderNick: 'Al' })));

    expect(n).toMatchObject({
      title: 'Al',
      body: 'hi',
      data: { convId: 'c2c:alice:bob', from: 'alice', seq: '7', msgKey: '7_1_1700000000' },
      collapseId: 'c2c:alice:bob:7',
    });
    expect(n.expiration).toBeGreaterThanOrEqual(before + MESSAGE_NOTIFICATION_TTL_SECONDS);
  });

  it('lets the sender’s OfflinePushInfo set title and text', () => {
    const n = messageNotification(event(message(), { Title: 'T', Desc: 'D' }));
    expect(n).toMatchObject({ title: 'T', body: 'D' });
  });

  it('keeps a collapse ID within 64 characters', () => {
    const long = `group:${'g'.repeat(80)}`;
    expect(messageNotification(event(message({ convId: long }))).collapseId).toHaveLength(64);
  });
});
