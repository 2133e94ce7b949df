import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';

import { EventEnvelope, IsUserId } from '../common';

/** One key/value as written (a deleted key: empty value). */
export class ExtensionFact {
  @IsString()
  key!: string;

  @IsString()
  value!: string;

  @IsInt()
  seq!: number;
}

/**
 * Key/values of message `seq` of `convId` changed: the after-callback
 * `C2C.CallbackAfterC2CMsgExtension` for C2C messages.
 */
export class ExtensionsChangedEvent extends EventEnvelope {
  @IsString()
  convId!: string;

  @IsInt()
  seq!: number;

  @IsIn(['set', 'delete', 'clear'])
  operation!: 'set' | 'delete' | 'clear';

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExtensionFact)
  extensions!: ExtensionFact[];

  /** The message's extension version after the change. */
  @IsInt()
  latestSeq!: number;

  /** C2C: the message's sender, receiver and MsgKey. */
  @IsOptional()
  @IsUserId()
  from?: string;

  @IsOptional()
  @IsUserId()
  to?: string;

  @IsOptional()
  @IsString()
  msgKey?: string;
}
