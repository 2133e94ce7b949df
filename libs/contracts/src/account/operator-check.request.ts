import { IsBoolean } from 'class-validator';

import { OperatorCallRequest } from './operator-call.request';

/**
 * The console asks whether a session may make a call it passes on to another service (users,
 * groups, messages, ...): any live session may read; a write also needs the session's CSRF token.
 */
export class OperatorCheckRequest extends OperatorCallRequest {
  @IsBoolean()
  write!: boolean;
}
