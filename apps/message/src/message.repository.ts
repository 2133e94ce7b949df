import { Inject, Injectable } from '@nestjs/common';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class MessageRepository {
  constructor(@Inject(MESSAGE_DB) protected readonly db: MessageDb) {}
}
