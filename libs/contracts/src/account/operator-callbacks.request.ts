import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';

import { CallbackCommands, CallbackLimits } from '../callback-dispatcher/callback-commands';
import type { CallbackCommand } from '../callback-dispatcher/callback-commands';
import { OperatorAppRequest } from './operator-app.request';

/**
 * The console changes an app's third-party callbacks (docs/callbacks.md): absent = unchanged;
 * `url: ''` removes the URL (nothing is sent); the token is write-only (never answered).
 */
export class OperatorSetCallbacksRequest extends OperatorAppRequest {
  @IsOptional()
  @IsString()
  @MaxLength(CallbackLimits.urlMaxLength)
  url?: string;

  @IsOptional()
  @IsString()
  @Length(1, CallbackLimits.tokenMaxLength)
  token?: string;

  @IsOptional()
  @IsBoolean()
  authenticationEnabled?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CallbackCommands.length)
  @IsIn(CallbackCommands, { each: true })
  enabledCommands?: CallbackCommand[];
}

/** An app's callbacks as the console shows them: whether a token is set, never the token. */
export class OperatorCallbacksView {
  sdkAppId!: number;
  url!: string | null;
  tokenSet!: boolean;
  authenticationEnabled!: boolean;
  enabledCommands!: CallbackCommand[];
  /** Every callback command the platform can send (docs/callbacks.md §3), for the switches. */
  availableCommands!: CallbackCommand[];
}
