import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import {
  AccountEvt,
  AccountsDeletedEvent,
  AccountsImportedEvent,
  EventStreams,
} from '@im/contracts';
import type { EventOf } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { DurableEventConsumer, PlatformLogger } from '@im/platform';

import { ProfileService } from './profile.service';

type AccountFact = typeof AccountEvt.Imported | typeof AccountEvt.Deleted;

/** The durable consumer of the account facts the profile service acts on. */
export const ACCOUNT_EVENTS_DURABLE = 'profile-account-events';

/**
 * Consumes `account.evt.imported` and `account.evt.deleted` from ACCOUNT_EVENTS through the
 * durable consumer `profile-account-events` (shared by the service's instances, at least once;
 * the service's handling is idempotent). A malformed event is logged and skipped.
 */
@Injectable()
export class AccountEventsHandler implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: DurableEventConsumer<AccountFact>;

  constructor(
    private readonly bus: NatsBus,
    private readonly profiles: ProfileService,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
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
      case AccountEvt.Imported: {
        const valid = this.validated(AccountsImportedEvent, subject, event);
        return valid ? this.onAccountsImported(valid) : Promise.resolve();
      }
      case AccountEvt.Deleted: {
        const valid = this.validated(AccountsDeletedEvent, subject, event);
        return valid ? this.onAccountsDeleted(valid) : Promise.resolve();
      }
    }
  }

  onAccountsImported(event: AccountsImportedEvent): Promise<void> {
    return this.profiles.onAccountsImported(event);
  }

  onAccountsDeleted(event: AccountsDeletedEvent): Promise<void> {
    return this.profiles.onAccountsDeleted(event);
  }

  private validated<E extends object>(
    cls: new () => E,
    subject: string,
    event: unknown,
  ): E | undefined {
    const instance = plainToInstance(cls, event);
    const errors = validateSync(instance, { forbidUnknownValues: false });
    if (errors.length === 0) return instance;
    this.logger.error(
      { subject, problems: errors.map((e) => e.toString()).slice(0, 3) },
      'malformed event skipped',
    );
    return undefined;
  }
}
