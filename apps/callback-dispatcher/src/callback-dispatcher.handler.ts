import { Controller } from '@nestjs/common';

import { CallbackDispatcherService } from './callback-dispatcher.service';

/**
 * NATS handlers: one `@MessagePattern(CallbackDispatcherRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class CallbackDispatcherHandler {
  constructor(protected readonly service: CallbackDispatcherService) {}
}
