import { IsBoolean, IsInt, IsObject, IsOptional, Min } from 'class-validator';

import { EventEnvelope } from '../common';
import type { ChatMessage } from './chat-message';

/** A message was stored (after-send callbacks, statistics). */
export class MessageSentEvent extends EventEnvelope {
  @IsObject()
  message!: ChatMessage;

  /**
   * No after-send callback for it: `ForbidAfterSendMsgCallback`, or a command Tencent sends
   * none for (batchsendmsg, importmsg, import_group_msg).
   */
  @IsOptional()
  @IsBoolean()
  skipAfterCallback?: boolean;

  /**
   * Group messages of table-stored groups: the members it was delivered to, the sender left
   * out (statistics `GroupDownMsgNum`). Absent for C2C and live-stream rooms.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  recipients?: number;
}
