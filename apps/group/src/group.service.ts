import { Inject, Injectable } from '@nestjs/common';

import { EventOutbox } from '@im/platform';

import type { GroupDb, GroupTx } from './group.db';
import { GroupRepository } from './group.repository';
import { GROUP_DB } from './group.tokens';

/** The rules of the service: permissions, limits, transactions; events after commit. */
@Injectable()
export class GroupService {
  constructor(
    protected readonly repository: GroupRepository,
    protected readonly outbox: EventOutbox,
    @Inject(GROUP_DB) protected readonly db: GroupDb,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  protected commit<T>(work: (tx: GroupTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }
}
