import { Controller } from '@nestjs/common';

import { ProfileService } from './profile.service';

/**
 * NATS handlers: one `@MessagePattern(ProfileRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class ProfileHandler {
  constructor(protected readonly service: ProfileService) {}
}
