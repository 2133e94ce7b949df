import { DomainError } from '@im/contracts';

/** Errors of the callback-dispatcher service: `new CallbackDispatcherError(ErrorCode.X, 'short message')`. */
export class CallbackDispatcherError extends DomainError {}
