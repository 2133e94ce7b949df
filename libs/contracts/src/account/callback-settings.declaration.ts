import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { CallbackCommands, CallbackLimits } from '../callback-dispatcher/callback-commands';
import type { CallbackCommand } from '../callback-dispatcher/callback-commands';

/**
 * Callback authentication (docs/callbacks.md §1.1): while enabled, every callback request carries
 * `Sign` = hex(sha256(token + RequestTime)) and `RequestTime`.
 */
export class CallbackAuthentication {
  /** 1–128 characters. */
  @IsString()
  @Length(1, CallbackLimits.tokenMaxLength)
  token!: string;

  /** Default true: a configured token signs requests unless switched off. */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/**
 * The app's third-party callbacks (CB-2, CON-9): one URL and the commands that are enabled.
 * Without a URL, or for a command not listed, nothing is sent (before-callbacks allow at once).
 * The key is replaced as a whole when the app's settings are updated.
 */
export class CallbackSettings {
  /** `http://` or `https://` URL the requests are POSTed to; query parameters are appended. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(CallbackLimits.urlMaxLength)
  url?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CallbackAuthentication)
  authentication?: CallbackAuthentication;

  /** Commands of docs/callbacks.md §3 to send; none when absent. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CallbackCommands.length)
  @IsIn(CallbackCommands, { each: true })
  enabledCommands?: CallbackCommand[];
}
