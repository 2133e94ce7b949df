import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { AccountLimits } from './account.limits';
import { AppSettings } from './app-settings';
import { OperatorAppRequest } from './operator-app.request';

/**
 * The app settings the console's Apps page edits (the rest have pages of their own, or hold
 * secrets: callbacks, push).
 */
export const OperatorEditableSettings = [
  'multiLoginPolicy',
  'autoCreateAccountOnLogin',
  'restRateLimitPerSecond',
  'message',
  'friendLimit',
  'blacklistLimit',
  'groupDailyCreateLimit',
  'appGroupLimit',
  'userGroupLimit',
  'groupMemberCap',
  'profileCustomFields',
  'snsCustomFields',
  'groupCustomFields',
  'groupMemberCustomFields',
] as const satisfies readonly (keyof AppSettings)[];
export type OperatorEditableSetting = (typeof OperatorEditableSettings)[number];

/** An app's admin identifiers and editable settings (absent = the platform default). */
export class OperatorAppSettingsView {
  sdkAppId!: number;
  adminIdentifiers!: string[];
  settings!: Pick<AppSettings, OperatorEditableSetting>;
}

/**
 * The console changes an app's admin identifiers and settings: each settings key given
 * replaces the stored one (`message` is merged field by field); `null` = back to the default.
 */
export class OperatorSetAppSettingsRequest extends OperatorAppRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.adminIdentifiersMax)
  @IsUserId({ each: true })
  adminIdentifiers?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppSettings)
  settings?: AppSettings;
}
