import { IsIn, IsString, Matches } from 'class-validator';

import { ArchiveChatTypes } from '@im/contracts';
import type { ArchiveChatType } from '@im/contracts';

/**
 * `open_msg_svc/get_history` (docs/rest-api.md §9.4): the archive files of one hour,
 * `MsgTime` `"YYYYMMDDHH"` in UTC.
 */
export class GetHistoryDto {
  @IsIn(ArchiveChatTypes)
  @IsString()
  ChatType!: ArchiveChatType;

  @Matches(/^\d{10}$/)
  @IsString()
  MsgTime!: string;
}
