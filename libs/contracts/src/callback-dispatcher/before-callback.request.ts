import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

import { BeforeCallbackCommands, OptPlatforms } from './callback-commands';
import type { BeforeCallbackCommand, OptPlatform } from './callback-commands';

/**
 * Ask the app's backend before an event takes effect (`callback-dispatcher.rpc.before`). The
 * app is the caller's (`im-sdk-app-id` header). Services call it through the platform's
 * `BeforeCallbackClient`, which skips the request when the app has no URL or the command is
 * not enabled.
 */
export class BeforeCallbackRequest {
  @IsIn(BeforeCallbackCommands)
  command!: BeforeCallbackCommand;

  /** The documented request body (see `BeforeCallbackBodies`), without `CallbackCommand`. */
  @IsObject()
  body!: Record<string, unknown>;

  /** `OptPlatform`; default `RESTAPI` for an admin caller, otherwise `Unknown`. */
  @IsOptional()
  @IsIn(OptPlatforms)
  platform?: OptPlatform;

  /** `ClientIP`: the address of the client that caused the event; default empty. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  clientIp?: string;
}
