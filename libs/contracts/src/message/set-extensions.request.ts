import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId, Utf8Bytes } from '../common';
import { ExtensionLimits } from './extension-limits';

/** One pair of a set / delete: `seq` the version the writer last saw (0 = a new key). */
export class ExtensionItem {
  @Utf8Bytes(1, ExtensionLimits.keyBytes)
  key!: string;

  @IsOptional()
  @Utf8Bytes(0, ExtensionLimits.valueBytes)
  value?: string;

  /** Compare-and-set: absent only for the App admin (writes whatever the version). */
  @IsOptional()
  @IsInt()
  @Min(0)
  seq?: number;
}

/**
 * Set, delete or clear key/values of one message (client `msg.set-extensions`;
 * set_key_values / group_set_key_values). The message is named by seq, or — C2C over REST —
 * by its sender and MsgKey.
 */
export class SetExtensionsRequest {
  @IsString()
  @MaxLength(200)
  convId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  seq?: number;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  msgKey?: string;

  /** REST C2C: the message's sender. */
  @IsOptional()
  @IsUserId()
  from?: string;

  @IsIn(['set', 'delete', 'clear'])
  operation!: 'set' | 'delete' | 'clear';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ExtensionLimits.keysPerRequest)
  @ValidateNested({ each: true })
  @Type(() => ExtensionItem)
  items?: ExtensionItem[];
}
