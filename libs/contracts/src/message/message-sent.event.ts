import { IsObject } from 'class-validator';

import { EventEnvelope } from '../common';
import type { ChatMessage } from './chat-message';

/** A message was stored (after-send callbacks, statistics). */
export class MessageSentEvent extends EventEnvelope {
  @IsObject()
  message!: ChatMessage;
}
