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

  /** 40005: a written text holds one of the app's sensitive words (docs/rest-api.md §9.1). */
  static sensitiveWords(tag: string): ProfileError {
    return new ProfileError(ErrorCode.ProfileSensitiveWords, `${tag} contains a sensitive word`);
  }

  static accountNotFound(userId: string): ProfileError {
    return new ProfileError(ErrorCode.ProfileAccountNotFound, `account ${userId} does not exist`);
  }
}
