import { DomainError } from '@im/contracts';

import { UserSigFailureCode } from './user-sig.types';

/** A UserSig could not be decoded or signed; `code` is one of the 70xxx UserSig codes. */
export class UserSigError extends DomainError {
  constructor(code: UserSigFailureCode, message: string) {
    super(code, message);
  }
}
