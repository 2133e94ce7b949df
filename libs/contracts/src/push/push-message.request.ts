import { Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

import { IsUserId } from '../common';
import { MsgElement } from '../message/msg-element';
import { PushCondition } from './push-condition';

/**
 * `im_push`: a message to every user of the app, or to those a condition selects. The same
 * `msgRandom` within 7 days is the same task (a retry gets the first task's ID).
 */
export class PushMessageRequest {
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  msgRandom!: number;

  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  @IsArray()
  body!: MsgElement[];

  /** The sender shown to clients; the calling admin when absent. Must exist (90008). */
  @IsOptional()
  @IsUserId()
  from?: string;

  /** Offline retention in seconds, 0 = online only (default), at most 7 days (90026). */
  @IsOptional()
  @IsInt()
  lifeTimeSeconds?: number;

  /** `OfflinePushInfo` of docs/rest-api.md §2.3. */
  @IsOptional()
  @IsObject()
  offlinePush?: Record<string, unknown>;

  @IsOptional()
  @ValidateNested()
  @Type(() => PushCondition)
  @IsObject()
  condition?: PushCondition;
}
