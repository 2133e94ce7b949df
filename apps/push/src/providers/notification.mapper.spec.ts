import type { MsgElement } from '@im/contracts';

import { apnsPayload } from './apns.provider';
import { fcmMessage } from './fcm.provider';
import { buildNotification, describeBody, isPushSuppressed } from './notification.mapper';

const NOW = Date.UTC(2025, 0, 1);
const text = (t: string): MsgElement => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });

describe(describeBody.name, () => {
  it('shows text, a custom element’s Desc and placeholders for media', () => {
    expect(
      describeBody([
        text('hello'),
        { MsgType: 'TIMImageElem', MsgContent: {} },
        { MsgType: 'TIMCustomElem', MsgContent: { Data: 'x', Desc: 'order shipped' } },
      ]),
    ).toBe('hello [Image] order shipped');
  });
});

describe(buildNotification.name, () => {
  it('uses the body text and the default title without OfflinePushInfo', () => {
    expect(
      buildNotification({
        body: [text('sale today')],
        defaultTitle: 'shop',
        lifeTimeSeconds: 3600,
        data: { taskId: 't' },
        now: NOW,
      }),
    ).toEqual({
      title: 'shop',
      body: 'sale today',
      data: { taskId: 't' },
      expiration: NOW / 1000 + 3600,
    });
  });

  it('lets OfflinePushInfo override title and text and fill the platform fields', () => {
    const n = buildNotification({
      body: [text('raw')],
      offlinePush: {
        Title: 'T',
        Desc: 'D',
        Ext: '{"k":1}',
        ApnsInfo: { Sound: 'a.caf', SubTitle: 'S', MutableContent: 1, Image: 'https://i' },
        AndroidInfo: { Sound: 'b', GoogleChannelID: 'promo' },
      },
      lifeTimeSeconds: 0,
      data: {},
      now: NOW,
    });
    expect(n).toMatchObject({
      title: 'T',
      subtitle: 'S',
      body: 'D',
      sound: 'a.caf',
      image: 'https://i',
      mutableContent: true,
      androidSound: 'b',
      androidChannelId: 'promo',
      ext: '{"k":1}',
      expiration: 0,
    });
  });

  it('knows PushFlag 1 means no offline push', () => {
    expect(isPushSuppressed({ PushFlag: 1 })).toBe(true);
    expect(isPushSuppressed({ PushFlag: 0 })).toBe(false);
    expect(isPushSuppressed(undefined)).toBe(false);
  });
});

describe('provider payloads', () => {
  const n = buildNotification({
    body: [text('hi')],
    offlinePush: { Title: 'T', Ext: 'e' },
    lifeTimeSeconds: 600,
    data: { taskId: 'k' },
    now: NOW,
  });

  it('puts the alert in aps and the app data beside it (APNs)', () => {
    expect(apnsPayload(n)).toEqual({
      aps: { alert: { title: 'T', body: 'hi' }, sound: 'default' },
      taskId: 'k',
      ext: 'e',
    });
  });

  it('builds an FCM v1 message with string data and a TTL', () => {
    expect(fcmMessage('tok', n, NOW)).toEqual({
      message: {
        token: 'tok',
        notification: { title: 'T', body: 'hi' },
        data: { taskId: 'k', ext: 'e' },
        android: { priority: 'HIGH', ttl: '600s' },
      },
    });
  });
});
