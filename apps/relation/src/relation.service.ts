import { Inject, Injectable } from '@nestjs/common';

import { EventOutbox } from '@im/platform';

import type { RelationDb, RelationTx } from './relation.db';
import { RelationRepository } from './relation.repository';
import { RELATION_DB } from './relation.tokens';

/** The rules of the service: permissions, limits, transactions; events after commit. */
@Injectable()
export class RelationService {
  constructor(
    protected readonly repository: RelationRepository,
    protected readonly outbox: EventOutbox,
    @Inject(RELATION_DB) protected readonly db: RelationDb,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  protected commit<T>(work: (tx: RelationTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }
}
