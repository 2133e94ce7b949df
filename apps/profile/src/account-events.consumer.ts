import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { AccountEvt, EventStreams } from '@im/contracts';
import type { AccountsDeletedEvent, AccountsImportedEvent, EventOf } from '@im/contracts';
import { NatsBus } from '@im/platform';
import type { DurableEventConsumer } from '@im/platform';

import { ProfileService } from './profile.service';

type AccountFact = typeof AccountEvt.Imported | typeof AccountEvt.Deleted;

/** The durable consumer of the account facts the profile service acts on. */
export const ACCOUNT_EVENTS_DURABLE = 'profile-account-events';

/**
 * Consumes `account.evt.imported` and `account.evt.deleted` from ACCOUNT_EVENTS through the
 * durable consumer `profile-account-events` (shared by the service's instances, at least once;
 * the service's handling is idempotent). The platform validates each event before it gets here.
 */
@Injectable()
export class AccountEventsHandler implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: DurableEventConsumer<AccountFact>;

  constructor(
    private readonly bus: NatsBus,
    private readonly profiles: ProfileService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume({
      stream: EventStreams.account.name,
      durable: ACCOUNT_EVENTS_DURABLE,
      subjects: [AccountEvt.Imported, AccountEvt.Deleted],
      handler: (subject, event) => this.handle(subject, event),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }

  handle(subject: AccountFact, event: EventOf<AccountFact>): Promise<void> {
    switch (subject) {
      case AccountEvt.Imported:
        return this.onAccountsImported(event as AccountsImportedEvent);
      case AccountEvt.Deleted:
        return this.onAccountsDeleted(event as AccountsDeletedEvent);
    }
  }

  onAccountsImported(event: AccountsImportedEvent): Promise<void> {
    return this.profiles.onAccountsImported(event);
  }

  onAccountsDeleted(event: AccountsDeletedEvent): Promise<void> {
    return this.profiles.onAccountsDeleted(event);
  }
}
