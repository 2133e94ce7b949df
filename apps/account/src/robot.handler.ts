import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AccountRpc,
  CreateRobotRequest,
  EmptyReply,
  ListRobotsRequest,
  RobotIdRequest,
  RobotIdsReply,
} from '@im/contracts';
import type { CallerContext } from '@im/contracts';
import { Caller } from '@im/platform';

import { RobotService } from './robot.service';

@Controller()
export class RobotHandler {
  constructor(private readonly robots: RobotService) {}

  @MessagePattern(AccountRpc.CreateRobot)
  createRobot(
    @Payload() req: CreateRobotRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    return this.robots.createRobot(caller, req);
  }

  @MessagePattern(AccountRpc.DeleteRobot)
  deleteRobot(
    @Payload() req: RobotIdRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    return this.robots.deleteRobot(caller, req.userId);
  }

  @MessagePattern(AccountRpc.ListRobots)
  listRobots(
    @Payload() req: ListRobotsRequest,
    @Caller() caller: CallerContext,
  ): Promise<RobotIdsReply> {
    return this.robots.listRobots(caller, req);
  }
}
