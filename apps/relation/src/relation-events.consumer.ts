import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { AccountEvt, EventStreams, ProfileEvt } from '@im/contracts';
import type { AccountsDeletedEvent, ProfileChangedEvent } from '@im/contracts';
import { NatsBus } from '@im/platform';

import { ACCOUNT_DELETED_CONSUMER, AccountCleanupService } from './account-cleanup.service';
import { FriendsService, PROFILE_CHANGED_CONSUMER } from './friends.service';

/**
 * Facts of other services this service acts on, through durable JetStream consumers (at
 * least once; each event is handled once, by its eventId in `consumed_events`), one service
 * call each:
 * - `account.evt.deleted`: the users' friendships (both directions), requests, blacklist
 *   entries, lists and recommendations go;
 * - `profile.evt.changed` with a "push on update" field: `relation.evt.friend-profile-changed`
 *   to everyone who has the user in their table (REL-44, AMB-25).
 */
@Injectable()
export class RelationEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: { stop(): Promise<void> }[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly cleanup: AccountCleanupService,
    private readonly friends: FriendsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const accounts = await this.bus.consume({
      stream: EventStreams.account.name,
      durable: ACCOUNT_DELETED_CONSUMER,
      subjects: [AccountEvt.Deleted],
      handler: (_subject, event) => this.onAccountDeleted(event),
    });
    const profiles = await this.bus.consume({
      stream: EventStreams.profile.name,
      durable: PROFILE_CHANGED_CONSUMER,
      subjects: [ProfileEvt.Changed],
      handler: (_subject, event) => this.onProfileChanged(event),
    });
    this.consumers.push(accounts, profiles);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  async onAccountDeleted(event: AccountsDeletedEvent): Promise<void> {
    await this.cleanup.removeDeletedUsers(event.sdkAppId, event.userIds, event.eventId);
  }

  async onProfileChanged(event: ProfileChangedEvent): Promise<void> {
    await this.friends.tellFriendsOfProfileChange(event);
  }
}
