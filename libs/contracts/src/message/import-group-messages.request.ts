import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { ImportGroupMessageItem } from './import-group-message-item';
import { MessageLimits } from './msg-element';

/**
 * import_group_msg: historical messages of a group (T25), in order; each gets the next group
 * seq. Not pushed, not counted as unread; `updateConversations` moves the conversations'
 * last message (`RecentContactFlag`).
 */
export class ImportGroupMessagesRequest {
  @IsString()
  groupId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.importGroupMaxMessages)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ImportGroupMessageItem)
  messages!: ImportGroupMessageItem[];

  @IsOptional()
  @IsBoolean()
  updateConversations?: boolean;
}
