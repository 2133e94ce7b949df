import { Inject, Injectable } from '@nestjs/common';

import type { CallbackDispatcherDb } from './callback-dispatcher.db';
import { CALLBACK_DISPATCHER_DB } from './callback-dispatcher.tokens';

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class CallbackDispatcherRepository {
  constructor(@Inject(CALLBACK_DISPATCHER_DB) protected readonly db: CallbackDispatcherDb) {}
}
