import { IsString } from 'class-validator';

import { IsUserId, NoNul, Utf8Bytes } from '../common';
import { OfficialAccountLimits } from './official-account.limits';

/** `modify_subscriber_info`: a subscriber's custom string. */
export class ModifySubscriberRequest {
  @IsString()
  @NoNul()
  officialAccountId!: string;

  @IsUserId()
  userId!: string;

  @Utf8Bytes(0, OfficialAccountLimits.subscriberCustomStringMaxBytes)
  customString!: string;
}
