import { IsIn, IsInt, Max, Min } from 'class-validator';

/** Conversation kinds of the hourly archive (open_msg_svc/get_history `ChatType`). */
export const ArchiveChatTypes = ['C2C', 'Group'] as const;
export type ArchiveChatType = (typeof ArchiveChatTypes)[number];

/** open_msg_svc/get_history: the archive files of one app, chat type and UTC hour. */
export class MessageArchiveRequest {
  @IsIn(ArchiveChatTypes)
  chatType!: ArchiveChatType;

  /** Start of the hour, UNIX seconds (a multiple of 3600). */
  @IsInt()
  @Min(0)
  @Max(2 ** 40)
  hour!: number;
}
