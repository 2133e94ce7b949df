import { IsInt, IsString, Max, Min } from 'class-validator';

/** A position in a conversation: read up to `seq`, or recall the message `seq`. */
export class ConversationSeqRequest {
  @IsString()
  convId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  seq!: number;
}
