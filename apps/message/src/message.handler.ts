import { Controller } from '@nestjs/common';

import { MessageService } from './message.service';

/**
 * NATS handlers: one `@MessagePattern(MessageRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class MessageHandler {
  constructor(protected readonly service: MessageService) {}
}
