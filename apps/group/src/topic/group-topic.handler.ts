import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import { CreateTopicRequest, GroupRpc, ModifyTopicRequest, TopicIdsRequest } from '@im/contracts';
import type { CallerContext, CreateTopicReply, EmptyReply, TopicResultsReply } from '@im/contracts';
import { Caller } from '@im/platform';

import { GroupTopicService } from './group-topic.service';

@Controller()
export class GroupTopicHandler {
  constructor(private readonly topics: GroupTopicService) {}

  @MessagePattern(GroupRpc.CreateTopic)
  createTopic(
    @Payload() req: CreateTopicRequest,
    @Caller() caller: CallerContext,
  ): Promise<CreateTopicReply> {
    return this.topics.create(caller, req);
  }

  @MessagePattern(GroupRpc.ImportTopic)
  importTopic(
    @Payload() req: CreateTopicRequest,
    @Caller() caller: CallerContext,
  ): Promise<CreateTopicReply> {
    return this.topics.create(caller, req, true);
  }

  @MessagePattern(GroupRpc.GetTopics)
  getTopics(
    @Payload() req: TopicIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<TopicResultsReply> {
    return this.topics.get(caller, req);
  }

  @MessagePattern(GroupRpc.ModifyTopic)
  modifyTopic(
    @Payload() req: ModifyTopicRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    return this.topics.modify(caller, req);
  }

  @MessagePattern(GroupRpc.DestroyTopics)
  destroyTopics(
    @Payload() req: TopicIdsRequest,
    @Caller() caller: CallerContext,
  ): Promise<TopicResultsReply> {
    return this.topics.destroy(caller, req);
  }
}
