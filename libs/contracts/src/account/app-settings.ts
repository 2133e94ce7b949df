import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsArray,
  IsBoolean,
  IsInt,
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
  @ValidateNested({ each: true })
  @Type(() => ProfileCustomFieldDeclaration)
  profileCustomFields?: ProfileCustomFieldDeclaration[];

  /** Custom friend fields of the app (REL-10). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
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
}

export type AppStatus = 'active' | 'disabled';
export const AppStatuses: readonly AppStatus[] = ['active', 'disabled'];
