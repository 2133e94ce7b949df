import { Inject, Injectable } from '@nestjs/common';

import { EventOutbox } from '@im/platform';

import type { MessageDb, MessageTx } from './message.db';
import { MessageRepository } from './message.repository';
import { MESSAGE_DB } from './message.tokens';

/** The rules of the service: permissions, limits, transactions; events after commit. */
@Injectable()
export class MessageService {
  constructor(
    protected readonly repository: MessageRepository,
    protected readonly outbox: EventOutbox,
    @Inject(MESSAGE_DB) protected readonly db: MessageDb,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  protected commit<T>(work: (tx: MessageTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }
}
