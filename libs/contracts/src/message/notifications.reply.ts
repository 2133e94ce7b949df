import type { SystemNotification } from './system-notification';

export class NotificationsReply {
  notifications!: SystemNotification[];
  hasMore!: boolean;
}
