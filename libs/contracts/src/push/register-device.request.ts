import { IsIn, IsOptional } from 'class-validator';

import { NoNul, Utf8Bytes } from '../common';
import { Platforms } from '../presence';
import type { Platform } from '../presence';
import { PushLimits, PushProviders } from './push.limits';
import type { PushProviderName } from './push.limits';

/**
 * A client registers the device token of its offline-push provider (client command
 * `push.register-device`, role `user`): APNs device token (hex), FCM registration token, or an
 * opaque token the app's webhook understands. A token belongs to one user at a time.
 */
export class RegisterDeviceRequest {
  @IsIn(PushProviders)
  provider!: PushProviderName;

  @Utf8Bytes(1, PushLimits.tokenMaxBytes)
  @NoNul()
  token!: string;

  @IsOptional()
  @IsIn(Platforms)
  platform?: Platform;
}

/** The client forgets a token (logout on that device): `push.unregister-device`. */
export class UnregisterDeviceRequest {
  @IsIn(PushProviders)
  provider!: PushProviderName;

  @Utf8Bytes(1, PushLimits.tokenMaxBytes)
  @NoNul()
  token!: string;
}
