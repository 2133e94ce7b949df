import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

export const SendMsgControls = ['NoUnread', 'NoLastMsg', 'WithMuteNotifications'] as const;
export const ForbidCallbackControls = [
  'ForbidBeforeSendMsgCallback',
  'ForbidAfterSendMsgCallback',
] as const;

/** Options shared by C2C and group sends (docs/rest-api.md §2.2). */
export abstract class SendOptions {
  /** uint32 chosen by the sender; a retry with the same (sender, random) is stored once. */
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  random!: number;

  @IsOptional()
  @IsString()
  cloudCustomData?: string;

  /** Deliver to online recipients only; not stored (typing indicators). */
  @IsOptional()
  @IsBoolean()
  onlineOnly?: boolean;

  @IsOptional()
  @IsArray()
  @IsIn(SendMsgControls, { each: true })
  sendControl?: (typeof SendMsgControls)[number][];

  @IsOptional()
  @IsArray()
  @IsIn(ForbidCallbackControls, { each: true })
  forbidCallback?: (typeof ForbidCallbackControls)[number][];

  @IsOptional()
  @IsBoolean()
  needReadReceipt?: boolean;

  /** `OfflinePushInfo` of docs/rest-api.md §2.3, stored and passed to the push service. */
  @IsOptional()
  @IsObject()
  offlinePush?: Record<string, unknown>;

  /**
   * C2C `MsgSeq` of docs/rest-api.md §2.2 (uint32, caller-chosen, not unique): the first part of
   * the C2C `MsgKey`. Absent = the conversation seq. Ignored for group messages.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  clientSeq?: number;

  /** The message time in UNIX seconds (`MsgTimeStamp`); only the App admin may set it. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  msgTime?: number;
}
