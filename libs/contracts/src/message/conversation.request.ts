import { IsString } from 'class-validator';

/** One conversation of the caller. */
export class ConversationRequest {
  @IsString()
  convId!: string;
}
