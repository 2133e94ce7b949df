import { IsOptional, Matches } from 'class-validator';

import { Utf8Bytes } from '../common';
import { OperatorLimits, OperatorTokenPattern } from './operator.limits';

/**
 * A console call on behalf of a logged-in operator: the gateway passes the session cookie's
 * token, the CSRF header (required on writes) and the client address (for the audit log). The
 * account service checks the session on every call; the gateway holds no operator rights.
 */
export class OperatorCallRequest {
  @Matches(OperatorTokenPattern)
  sessionToken!: string;

  @IsOptional()
  @Matches(OperatorTokenPattern)
  csrfToken?: string;

  @IsOptional()
  @Utf8Bytes(1, OperatorLimits.clientIpMaxBytes)
  clientIp?: string;
}
