import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Observable, tap } from 'rxjs';

import { DomainError } from '@im/contracts';

import { PlatformMetrics } from '../ops/platform-metrics';

/** Metadata key and value by which Nest marks `@EventPattern` handlers. */
const HANDLER_TYPE_METADATA = 'microservices:handler_type';
const EVENT_HANDLER = 2;

/** Counts and times every NATS request and event a service handles, per subject and outcome. */
@Injectable()
export class RpcMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: PlatformMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const subject =
      typeof natsContext?.getSubject === 'function' ? natsContext.getSubject() : 'unknown';
    const kind =
      Reflect.getMetadata(HANDLER_TYPE_METADATA, context.getHandler()) === EVENT_HANDLER
        ? 'event'
        : 'rpc';
    const end = this.metrics.rpcHandleSeconds.startTimer({ subject, kind });
    return next.handle().pipe(
      tap({
        next: () => undefined,
        complete: () => {
          end();
          this.metrics.rpcHandled.inc({ subject, kind, outcome: 'ok' });
        },
        error: (err: unknown) => {
          end();
          const outcome = err instanceof DomainError ? err.category : 'internal';
          this.metrics.rpcHandled.inc({ subject, kind, outcome });
        },
      }),
    );
  }
}
