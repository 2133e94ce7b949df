import type { RequestOptions } from '@im/platform';

import { MESSAGE_SERVICE } from './message.config';

/** Request options of the message service calling another service for an app (role `service`). */
export function asService(sdkAppId: number): RequestOptions {
  return { context: { sdkAppId, role: 'service', callerId: MESSAGE_SERVICE } };
}
