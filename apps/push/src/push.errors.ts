import { DomainError } from '@im/contracts';

/** Errors of the push service: `new PushError(ErrorCode.X, 'short message')`. */
export class PushError extends DomainError {}
