import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { AccountRpc, GetAppStatsRequest } from '@im/contracts';
import type { AppStatsReply, CallerContext } from '@im/contracts';
import { Caller } from '@im/platform';

import { AppStatsService } from './app-stats.service';

@Controller()
export class AppStatsHandler {
  constructor(private readonly stats: AppStatsService) {}

  @MessagePattern(AccountRpc.GetAppStats)
  getAppStats(
    @Payload() req: GetAppStatsRequest,
    @Caller() caller: CallerContext,
  ): Promise<AppStatsReply> {
    return this.stats.getStats(caller, req);
  }
}
