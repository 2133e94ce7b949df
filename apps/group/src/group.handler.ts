import { Controller } from '@nestjs/common';

import { GroupService } from './group.service';

/**
 * NATS handlers: one `@MessagePattern(GroupRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class GroupHandler {
  constructor(protected readonly service: GroupService) {}
}
