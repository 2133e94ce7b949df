import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

import { DomainError, RpcErrorPayload } from '@im/contracts';

import type { PlatformLogger } from '../logging/logger';
import { RpcUnavailableError } from './rpc-unavailable.error';
import { isTransientInfraError } from './transient-error';
import type { ServiceErrorCodes } from './service-error-codes';

/**
 * Turns whatever a handler throws into the error shape that travels over NATS:
 * `{ code, category, message }`. Domain errors keep their code; a dependency that did not
 * answer, or a database or Redis that is down, becomes the service's `unavailable` code;
 * anything else is logged with its stack and sent as `internal` without it.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(
    private readonly codes: ServiceErrorCodes,
    private readonly logger: PlatformLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toPayload(exception, host));
  }

  toPayload(exception: unknown, host?: ArgumentsHost): RpcErrorPayload {
    if (exception instanceof DomainError) return exception.toPayload();
    const pattern =
      host?.getType() === 'rpc'
        ? host.switchToRpc().getContext<{ getSubject?: () => string }>().getSubject?.()
        : undefined;
    if (isTransientInfraError(exception)) {
      this.logger.warn(
        { err: (exception as Error).message, pattern },
        'infrastructure unavailable',
      );
      return new DomainError(
        this.codes.unavailable,
        'a backend store is unavailable, retry',
      ).toPayload();
    }
    if (exception instanceof RpcUnavailableError) {
      this.logger.warn(
        { subject: exception.subject, reason: exception.reason, pattern },
        'dependency unavailable',
      );
      return new DomainError(
        this.codes.unavailable,
        'a backend service did not answer, retry',
      ).toPayload();
    }
    this.logger.error({ err: exception, pattern }, 'unhandled error');
    return new DomainError(this.codes.internal, 'internal error').toPayload();
  }
}
