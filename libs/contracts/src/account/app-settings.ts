import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { MultiLoginPolicies } from '../conn/client-protocol';
import type { MultiLoginPolicy } from '../conn/client-protocol';
import {
  ProfileCustomFieldDeclaration,
  SnsCustomFieldDeclaration,
} from './custom-field.declaration';
import {
  CustomGroupTypeDeclaration,
  DistinctGroupTypeNames,
  FieldsPerGroupType,
  GroupCustomFieldDeclaration,
  GroupMemberCustomFieldDeclaration,
} from './group-settings.declaration';
import { MessageSettings } from './message-settings.declaration';
import { CallbackSettings } from './callback-settings.declaration';
import { PushSettings } from './push-settings.declaration';

/**
 * Per-app settings stored as JSONB by the account service. Each key is optional; an
 * absent key means the platform default. Owners of later capabilities add keys here.
 */
export class AppSettings {
  /** REST requests per second for this app (api-gateway); default from its config. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  restRateLimitPerSecond?: number;

  /** Whether a successful login creates an account that was never imported; default true (AMB-2). */
  @IsOptional()
  @IsBoolean()
  autoCreateAccountOnLogin?: boolean;

  /** Sessions a user may hold at once (docs/protocol.md §3); default `per-platform`. */
  @IsOptional()
  @IsIn(MultiLoginPolicies)
  multiLoginPolicy?: MultiLoginPolicy;

  /** Custom profile fields of the app (PRF-17); how many is the operator's choice (AMB-26), at most 100. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProfileCustomFieldDeclaration)
  profileCustomFields?: ProfileCustomFieldDeclaration[];

  /** Custom friend fields of the app (REL-10). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SnsCustomFieldDeclaration)
  snsCustomFields?: SnsCustomFieldDeclaration[];

  /** Friends per user (REL-4, PLT-9); default 1000. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  friendLimit?: number;

  /** Blacklist entries per user (REL-35, PLT-9); default 1000. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  blacklistLimit?: number;

  /** A friend request must carry AddWording (REL-19); default false. */
  @IsOptional()
  @IsBoolean()
  friendRequestWordingRequired?: boolean;

  /** Days a pending friend request is kept (AMB-29); default 30. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  pendingFriendRequestTtlDays?: number;

  /** AVChatRoom groups may be created (GRP-4, PLT-8); default false. */
  @IsOptional()
  @IsBoolean()
  avChatRoomEnabled?: boolean;

  /** BChatRoom groups may be created (GRP-4, PLT-8); default false. */
  @IsOptional()
  @IsBoolean()
  bChatRoomEnabled?: boolean;

  /** Net new Private/Public/ChatRoom/AVChatRoom groups per UTC day (GRP-39, AMB-11); default 500. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  groupDailyCreateLimit?: number;

  /** BChatRoom groups that may exist (GRP-39); default 5. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  bChatRoomLimit?: number;

  /** Groups that may exist in the app (GRP-39); default 100,000,000. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  appGroupLimit?: number;

  /** Groups a user may be a member of, BChatRoom not counted (GRP-52, AMB-11); default 5000. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  userGroupLimit?: number;

  /** The app's package member cap (GRP-51): caps every finite type's limit; default none. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  groupMemberCap?: number;

  /** How many of the earliest joiners an AVChatRoom member list shows (AMB-10a); default 1000. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  avChatRoomMemberListMax?: number;

  /** Group-dimension custom fields (GRP-26): ≤ 20 keys per group type. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @FieldsPerGroupType(20, false)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupCustomFieldDeclaration)
  groupCustomFields?: GroupCustomFieldDeclaration[];

  /** Member-dimension custom fields (GRP-26, GRP-30): ≤ 5 keys per group type. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @FieldsPerGroupType(5, true)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupMemberCustomFieldDeclaration)
  groupMemberCustomFields?: GroupMemberCustomFieldDeclaration[];

  /** Custom group types and changes of built-in ones (GRP-36, PLT-8); at most 50. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @DistinctGroupTypeNames()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CustomGroupTypeDeclaration)
  customGroupTypes?: CustomGroupTypeDeclaration[];

  /** The push service (PSH-1, PSH-11) and offline-push providers (MSG-26); off by default. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSettings)
  push?: PushSettings;

  /** Third-party callbacks: URL, authentication token, enabled commands (CB-2, docs/callbacks.md). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CallbackSettings)
  callbacks?: CallbackSettings;

  /**
   * Bytes of media (all renditions) the app may keep in the media service (docs/protocol.md
   * §14); default the service's `MEDIA_APP_QUOTA_BYTES`. Uploads past it answer 95005.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  mediaQuotaBytes?: number;

  /** The message service's settings (roaming days, sensitive-word action, C2C checks). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MessageSettings)
  message?: MessageSettings;
}

export type AppStatus = 'active' | 'disabled';
export const AppStatuses: readonly AppStatus[] = ['active', 'disabled'];
