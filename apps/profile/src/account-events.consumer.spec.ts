import { randomUUID } from 'node:crypto';

import { AccountEvt } from '@im/contracts';
import type { AccountsDeletedEvent, AccountsImportedEvent } from '@im/contracts';
import type { NatsBus } from '@im/platform';

import { AccountEventsHandler } from './account-events.consumer';
import type { ProfileService } from './profile.service';

/** Records what the handler hands to the service. */
class FakeProfileService {
  readonly imported: AccountsImportedEvent[] = [];
  readonly deleted: AccountsDeletedEvent[] = [];

  onAccountsImported(event: AccountsImportedEvent): Promise<void> {
    this.imported.push(event);
    return Promise.resolve();
  }

  onAccountsDeleted(event: AccountsDeletedEvent): Promise<void> {
    this.deleted.push(event);
    return Promise.resolve();
  }
}

function envelope() {
  return {
    eventId: randomUUID(),
    sdkAppId: 1400000001,
    occurredAt: new Date().toISOString(),
    requestId: 'r1',
  };
}

describe(AccountEventsHandler.name, () => {
  let service: FakeProfileService;
  let sut: AccountEventsHandler;

  beforeEach(() => {
    service = new FakeProfileService();
    sut = new AccountEventsHandler({} as NatsBus, service as unknown as ProfileService);
  });

  it('hands an import to the service', async () => {
    const event = { ...envelope(), accounts: [{ userId: 'alice', nick: 'Alice' }] };

    await sut.handle(AccountEvt.Imported, event);

    expect(service.imported).toEqual([expect.objectContaining({ accounts: event.accounts })]);
  });

  it('hands a deletion to the service', async () => {
    const event = { ...envelope(), userIds: ['alice'] };

    await sut.handle(AccountEvt.Deleted, event);

    expect(service.deleted).toEqual([expect.objectContaining({ userIds: ['alice'] })]);
  });
});
