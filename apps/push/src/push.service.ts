import { Inject, Injectable } from '@nestjs/common';

import { EventOutbox } from '@im/platform';

import type { PushDb, PushTx } from './push.db';
import { PushRepository } from './push.repository';
import { PUSH_DB } from './push.tokens';

/** The rules of the service: permissions, limits, transactions; events after commit. */
@Injectable()
export class PushService {
  constructor(
    protected readonly repository: PushRepository,
    protected readonly outbox: EventOutbox,
    @Inject(PUSH_DB) protected readonly db: PushDb,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  protected commit<T>(work: (tx: PushTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }
}
