import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** What happens to a message whose text contains one of the app's sensitive words (AMB-43). */
export const SensitiveWordActions = ['reject', 'mask'] as const;
export type SensitiveWordAction = (typeof SensitiveWordActions)[number];

/** C2C friendship required between users (20009 / 20010 / 20011); never for the App admin. */
export const C2cFriendChecks = [
  'none',
  'both',
  'receiver-has-sender',
  'sender-has-receiver',
] as const;
export type C2cFriendCheck = (typeof C2cFriendChecks)[number];

/** The message service's per-app settings (`AppSettings.message`); every key optional. */
export class MessageSettings {
  /**
   * Days of roaming history (MSG-19, docs/requirements.md §8.4): default 7; 36500 = unlimited.
   * Groups follow it when their type roams at all (T24: none for AVChatRoom, BChatRoom).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  roamingDays?: number;

  /** `reject` (default; 80001) or `mask` (matched characters replaced by `*`). */
  @IsOptional()
  @IsIn(SensitiveWordActions)
  sensitiveWordAction?: SensitiveWordAction;

  /** C2C messages between users are refused when the receiver blocks the sender (20007, AMB-33); default true. */
  @IsOptional()
  @IsBoolean()
  c2cBlacklistCheck?: boolean;

  /** Friendship a user needs to send C2C to another user; default `none`. */
  @IsOptional()
  @IsIn(C2cFriendChecks)
  c2cFriendCheck?: C2cFriendCheck;

  /** Seconds within which a user may recall its own message (20016 / 10031); default 120. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  recallWindowSeconds?: number;
}
