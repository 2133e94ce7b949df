import type { LoginResult, NotificationsReply, SystemNotification } from '@im/contracts';

import { remember } from './bounded-set';
import type { ChatEmit } from './chat-emit';
import type { ImClient } from './im-client';

/**
 * System notifications (group, relation and profile events) raised as `notify` once each:
 * those pushed while connected, and after each login those missed while away (docs/protocol.md
 * §11), from the cursor the application kept or from this client's first login.
 */
export class NotificationFeed {
  private readonly seenIds = new Set<string>();
  /** The id of the last notification delivered (the application's cursor). */
  private lastId?: number;
  /**
   * Where the next `notify.get` starts: the highest id a fetch returned. Pushes do not move it
   * (a push of a newer notification may come before an older one was fetched; ids already
   * delivered are dropped by `seenIds`).
   */
  private fetchedId?: number;
  /** The first fetch after the first login is done: nothing older is skipped any more. */
  private backlogDone = false;
  /** UNIX seconds of the first login: older notifications are not replayed without a cursor. */
  private firstLoginTime?: number;

  constructor(
    private readonly client: ImClient,
    private readonly emit: ChatEmit,
    afterId?: number,
  ) {
    this.lastId = afterId;
    this.fetchedId = afterId;
  }

  /** The id of the last notification delivered: keep it to resume there next run. */
  cursor(): number | undefined {
    return this.lastId;
  }

  noteLogin(login?: LoginResult): void {
    if (this.firstLoginTime === undefined && login)
      this.firstLoginTime = Math.floor(login.serverTime / 1000);
  }

  /** Notifications missed while away (after the last one held), oldest first. */
  async fetchMissed(): Promise<void> {
    if (this.fetchedId === undefined && this.firstLoginTime === undefined) return;
    // Without a cursor, the first fetch skips what happened before this client first logged in.
    const since =
      this.fetchedId === undefined && !this.backlogDone ? (this.firstLoginTime ?? 0) : 0;
    for (let round = 0; round < 20; round++) {
      const reply = await this.client.request<NotificationsReply>('notify.get', {
        afterId: this.fetchedId ?? 0,
        limit: 100,
      });
      for (const n of reply.notifications ?? []) {
        if (this.fetchedId === undefined || n.id > this.fetchedId) this.fetchedId = n.id;
        if (n.time < since) {
          this.noteId(n.id);
          continue;
        }
        this.offer(n);
      }
      if (!reply.hasMore || !reply.notifications?.length) break;
    }
    this.backlogDone = true;
  }

  /**
   * A notification pushed or fetched: raised unless it was already. A live room's are not
   * kept and all carry `id: 0` (docs/protocol.md §7.3): each is raised, none moves the cursor.
   */
  offer(notification: SystemNotification): void {
    if (!Number.isInteger(notification.id) || notification.id === 0) {
      this.emit('notify', notification);
      return;
    }
    if (!remember(this.seenIds, String(notification.id))) return;
    this.noteId(notification.id);
    this.emit('notify', notification);
  }

  private noteId(id: number): void {
    remember(this.seenIds, String(id));
    if (this.lastId === undefined || id > this.lastId) this.lastId = id;
  }
}
