import { Inject, Injectable } from '@nestjs/common';

import { EventOutbox } from '@im/platform';

import type { ProfileDb, ProfileTx } from './profile.db';
import { ProfileRepository } from './profile.repository';
import { PROFILE_DB } from './profile.tokens';

/** The rules of the service: permissions, limits, transactions; events after commit. */
@Injectable()
export class ProfileService {
  constructor(
    protected readonly repository: ProfileRepository,
    protected readonly outbox: EventOutbox,
    @Inject(PROFILE_DB) protected readonly db: ProfileDb,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  protected commit<T>(work: (tx: ProfileTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }
}
