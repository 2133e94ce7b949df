import { DomainError } from '@im/contracts';

/** Errors of the message service: `new MessageError(ErrorCode.X, 'short message')`. */
export class MessageError extends DomainError {}
