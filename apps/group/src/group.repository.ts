import { Inject, Injectable } from '@nestjs/common';

import type { GroupDb } from './group.db';
import { GROUP_DB } from './group.tokens';

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class GroupRepository {
  constructor(@Inject(GROUP_DB) protected readonly db: GroupDb) {}
}
