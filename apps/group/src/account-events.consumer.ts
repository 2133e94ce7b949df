import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { AccountEvt, EventStreams } from '@im/contracts';
import { DurableEventConsumer, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { GroupMembershipService } from './group-membership.service';

/** Durable consumer name (shared by the instances of the service). */
export const ACCOUNT_DELETED_DURABLE = 'group-account-deleted';

/**
 * Consumes `account.evt.deleted` from ACCOUNT_EVENTS (durable, at least once): deleted users
 * leave every group. Handling is idempotent, so a redelivery does nothing more.
 */
@Injectable()
export class AccountEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: DurableEventConsumer<typeof AccountEvt.Deleted>;

  constructor(
    private readonly bus: NatsBus,
    private readonly members: GroupMembershipService,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume({
      stream: EventStreams.account.name,
      durable: ACCOUNT_DELETED_DURABLE,
      subjects: [AccountEvt.Deleted],
      handler: async (_subject, event) => {
        await this.members.removeDeletedAccounts(event.sdkAppId, event.userIds);
      },
    });
    this.logger.info({ durable: ACCOUNT_DELETED_DURABLE }, 'consuming account deletions');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
