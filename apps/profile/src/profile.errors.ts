import { DomainError, ErrorCode } from '@im/contracts';

import type { FieldProblem } from './profile-fields.rules';

/** Errors of the profile service (codes of docs/error-codes.md §7). */
export class ProfileError extends DomainError {
  static of(problem: FieldProblem): ProfileError {
    return new ProfileError(problem.code, problem.message);
  }

  static invalid(message: string): ProfileError {
    return new ProfileError(ErrorCode.ProfileInvalidParameters, message);
  }

  static accountNotFound(userId: string): ProfileError {
    return new ProfileError(ErrorCode.ProfileAccountNotFound, `account ${userId} does not exist`);
  }
}
