import { Matches } from 'class-validator';

import { OperatorUsernamePattern } from './operator.limits';

/** The launcher on an empty data dir: create this operator when there is none yet. */
export class EnsureFirstOperatorRequest {
  @Matches(OperatorUsernamePattern)
  username!: string;
}
