import { DomainError } from '@im/contracts';

/** A refusal the gateway answers itself (before or instead of a service). */
export class ConnGatewayError extends DomainError {}
