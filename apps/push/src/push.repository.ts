import { Inject, Injectable } from '@nestjs/common';

import type { PushDb } from './push.db';
import { PUSH_DB } from './push.tokens';

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class PushRepository {
  constructor(@Inject(PUSH_DB) protected readonly db: PushDb) {}
}
