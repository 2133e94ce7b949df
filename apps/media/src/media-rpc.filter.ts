import { Catch, Inject, Injectable } from '@nestjs/common';

import { ErrorCode } from '@im/contracts';
import { PLATFORM_LOGGER, RpcErrorFilter } from '@im/platform';
import type { PlatformLogger, ServiceErrorCodes } from '@im/platform';

/** What the media service answers over NATS when a problem is not one of its domain errors. */
export const MEDIA_RPC_CODES: ServiceErrorCodes = {
  invalid: ErrorCode.MediaRequestInvalid,
  unavailable: ErrorCode.RequestTimedOut,
  internal: ErrorCode.MediaStorageFailed,
};

/** The platform's RPC error filter with the media codes, for the NATS handler only. */
@Catch()
@Injectable()
export class MediaRpcErrorFilter extends RpcErrorFilter {
  constructor(@Inject(PLATFORM_LOGGER) logger: PlatformLogger) {
    super(MEDIA_RPC_CODES, logger);
  }
}
