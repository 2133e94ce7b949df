import type { ChatMessage, OfflinePushRequestedEvent } from '@im/contracts';

import { buildNotification } from './providers/notification.mapper';
import type { DeviceNotification } from './providers/push-provider.model';

/** How long a message's offline notification is worth delivering (APNs/FCM expiration). */
export const MESSAGE_NOTIFICATION_TTL_SECONDS = 86_400;

/**
 * The title of a message's notification when the sender gave none: in a group the sender's
 * NameCard, else its nickname, else its user ID.
 */
export function messageNotificationTitle(
  m: Pick<ChatMessage, 'type' | 'from' | 'senderNick' | 'senderNameCard'>,
): string {
  return m.type === 'GROUP'
    ? (m.senderNameCard ?? m.senderNick ?? m.from)
    : (m.senderNick ?? m.from);
}

/**
 * The notification of a message for its offline recipients: the sender's OfflinePushInfo over
 * the defaults, the conversation and message in its data, collapsed per message.
 */
export function messageNotification(event: OfflinePushRequestedEvent): DeviceNotification {
  const m = event.message;
  return buildNotification({
    body: m.body,
    offlinePush: event.offlinePush,
    defaultTitle: messageNotificationTitle(m),
    lifeTimeSeconds: MESSAGE_NOTIFICATION_TTL_SECONDS,
    data: { convId: m.convId, from: m.from, seq: String(m.seq), msgKey: m.msgKey },
    collapseId: `${m.convId}:${m.seq}`.slice(0, 64),
  });
}
