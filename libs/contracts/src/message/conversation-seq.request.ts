import { IsInt, IsString, Min } from 'class-validator';

/** A position in a conversation: read up to `seq`, or recall the message `seq`. */
export class ConversationSeqRequest {
  @IsString()
  convId!: string;

  @IsInt()
  @Min(1)
  seq!: number;
}
