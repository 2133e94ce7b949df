import { IsInt, IsObject, Matches, Max, Min } from 'class-validator';

import { Utf8Bytes } from '../common';
import { OperatorCallRequest } from './operator-call.request';

/** An audit action name: `user.import`, `message.recall`, ... */
export const OperatorActionPattern = /^[a-z][a-z0-9-]{0,31}\.[a-z][a-z0-9-]{0,31}$/;

/**
 * The audit entry of a console write the gateway passed on to another service (users, groups,
 * messages, ...), recorded once that service answered: what, on what, with which outcome (the
 * platform's ErrorCode, 0 when done). The session and its CSRF token are checked again.
 */
export class OperatorRecordRequest extends OperatorCallRequest {
  @Matches(OperatorActionPattern)
  action!: string;

  /** `app:<SDKAppID>/user:<UserID>`, ... */
  @Utf8Bytes(1, 256)
  target!: string;

  /** What changed (never a key, password or message content); at most 2 KiB of JSON. */
  @IsObject()
  detail!: Record<string, unknown>;

  @IsInt()
  @Min(0)
  @Max(0x7fffffff)
  code!: number;
}
