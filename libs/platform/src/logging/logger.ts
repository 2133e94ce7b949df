import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';

import { capForLog, safeErrorMessage, serializeError, truncateForLog } from './log-hygiene';
import { currentRequestContext } from './request-context';

export type PlatformLogger = Logger;

/** Paths whose values must never reach a log line (keys, signatures, message bodies). */
const REDACT = [
  'secretKey',
  'userSig',
  'usersig',
  'UserSig',
  'password',
  'token',
  'privateKey',
  'authorization',
  'MsgBody',
  'MsgContent',
  'CloudCustomData',
  'OfflinePushInfo',
  'body',
  'cloudCustomData',
  'content',
  'params',
].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/**
 * JSON lines on stdout: service, node, level, time, message, and the request context
 * (`requestId`, `sdkAppId`, `callerId`) of the unit of work that logs.
 */
export function createLogger(
  service: string,
  nodeId: string,
  level: string,
  /** Where lines go; stdout by default (tests pass a stream to read them back). */
  destination?: DestinationStream,
): PlatformLogger {
  const options: LoggerOptions = {
    level,
    base: { service, nodeId, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    formatters: {
      level: (label) => ({ level: label }),
      // every string capped, deep structures cut: no log line grows with its input
      log: (object) => capForLog(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const last = args.length - 1;
        if (typeof args[last] === 'string') args[last] = truncateForLog(args[last]);
        method.apply(this, args);
      },
    },
    mixin() {
      const ctx = currentRequestContext();
      if (!ctx) return {};
      return { requestId: ctx.requestId, sdkAppId: ctx.sdkAppId, callerId: ctx.callerId };
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's own log lines through pino, so a service prints nothing but JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: PlatformLogger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const err = message instanceof Error ? message : undefined;
    this.logger.error(
      { context: context ?? stackOrContext, err },
      err ? safeErrorMessage(err) : String(message),
    );
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string): void {
    this.logger.fatal({ context }, String(message));
  }
}
