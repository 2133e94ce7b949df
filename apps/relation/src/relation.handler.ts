import { Controller } from '@nestjs/common';

import { RelationService } from './relation.service';

/**
 * NATS handlers: one `@MessagePattern(RelationRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class RelationHandler {
  constructor(protected readonly service: RelationService) {}
}
