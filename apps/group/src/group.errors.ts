import { DomainError } from '@im/contracts';

/** Errors of the group service: `new GroupError(ErrorCode.X, 'short message')`. */
export class GroupError extends DomainError {}
