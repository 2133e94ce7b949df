import { Inject, Injectable } from '@nestjs/common';

import type { RelationDb } from './relation.db';
import { RELATION_DB } from './relation.tokens';

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class RelationRepository {
  constructor(@Inject(RELATION_DB) protected readonly db: RelationDb) {}
}
