import { IsIn, Matches } from 'class-validator';

/** Conversation kinds of the hourly archive (open_msg_svc/get_history `ChatType`). */
export const ArchiveChatTypes = ['C2C', 'Group'] as const;
export type ArchiveChatType = (typeof ArchiveChatTypes)[number];

/** open_msg_svc/get_history: the archive files of one app, chat type and hour. */
export class MessageArchiveRequest {
  @IsIn(ArchiveChatTypes)
  chatType!: ArchiveChatType;

  /** The hour as `"YYYYMMDDHH"`, UTC. */
  @Matches(/^\d{10}$/)
  msgTime!: string;
}
