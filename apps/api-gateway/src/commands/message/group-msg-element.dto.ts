import { IsIn, IsObject, IsString } from 'class-validator';

import { MsgTypes } from '@im/contracts';
import type { MsgType } from '@im/contracts';

/** One `TIMMsgElement` of a group `MsgBody` (docs/rest-api.md §2.1): a wrong layout is 10004. */
export class GroupMsgElementDto {
  @IsIn(MsgTypes)
  @IsString()
  MsgType!: MsgType;

  @IsObject()
  MsgContent!: Record<string, unknown>;
}
