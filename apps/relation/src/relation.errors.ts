import { DomainError } from '@im/contracts';

/** Errors of the relation service: `new RelationError(ErrorCode.X, 'short message')`. */
export class RelationError extends DomainError {}
