import { IsOptional, IsString } from 'class-validator';

/**
 * For the messaging service, before a group message is stored: is the sender allowed, and
 * what does the group look like (membership, role, mute, MsgFlag, read seq, type rules).
 */
export class GetSendContextRequest {
  @IsString()
  groupId!: string;

  /** The sending user; absent = the App admin (REST send without `From_Account`). */
  @IsOptional()
  @IsString()
  senderId?: string;
}
