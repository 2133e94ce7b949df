import { Inject, Injectable } from '@nestjs/common';

import { EventOutbox } from '@im/platform';

import type { CallbackDispatcherDb, CallbackDispatcherTx } from './callback-dispatcher.db';
import { CallbackDispatcherRepository } from './callback-dispatcher.repository';
import { CALLBACK_DISPATCHER_DB } from './callback-dispatcher.tokens';

/** The rules of the service: permissions, limits, transactions; events after commit. */
@Injectable()
export class CallbackDispatcherService {
  constructor(
    protected readonly repository: CallbackDispatcherRepository,
    protected readonly outbox: EventOutbox,
    @Inject(CALLBACK_DISPATCHER_DB) protected readonly db: CallbackDispatcherDb,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  protected commit<T>(work: (tx: CallbackDispatcherTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }
}
