import { Controller } from '@nestjs/common';

import { PushService } from './push.service';

/**
 * NATS handlers: one `@MessagePattern(PushRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class PushHandler {
  constructor(protected readonly service: PushService) {}
}
