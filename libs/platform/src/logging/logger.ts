import type { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

import { currentRequestContext } from './request-context';

export type PlatformLogger = Logger;

/** Paths whose values must never reach a log line (keys, signatures, message bodies). */
const REDACT = [
  'secretKey',
  '*.secretKey',
  'userSig',
  '*.userSig',
  'usersig',
  '*.usersig',
  'password',
  '*.password',
  'MsgBody',
  '*.MsgBody',
];

/**
 * JSON lines on stdout: service, node, level, time, message, and the request context
 * (`requestId`, `sdkAppId`, `callerId`) of the unit of work that logs.
 */
export function createLogger(service: string, nodeId: string, level: string): PlatformLogger {
  return pino({
    level,
    base: { service, nodeId, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const ctx = currentRequestContext();
      if (!ctx) return {};
      return { requestId: ctx.requestId, sdkAppId: ctx.sdkAppId, callerId: ctx.callerId };
    },
  });
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
      err ? err.message : String(message),
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
