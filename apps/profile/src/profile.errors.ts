import { DomainError } from '@im/contracts';

/** Errors of the profile service: `new ProfileError(ErrorCode.X, 'short message')`. */
export class ProfileError extends DomainError {}
