import { createHash } from 'node:crypto';

import { CallbackQueryParams } from '@im/contracts';
import type { CallbackCommand, OptPlatform } from '@im/contracts';

/** `Sign` of docs/callbacks.md §1.1: lower-case hex SHA-256 of the UTF-8 string token + RequestTime. */
export function callbackSign(token: string, requestTime: number): string {
  return createHash('sha256').update(`${token}${requestTime}`, 'utf8').digest('hex');
}

export interface CallbackQuery {
  sdkAppId: number;
  command: CallbackCommand;
  clientIp: string;
  platform: OptPlatform;
  /** Signs the request when given (callback authentication enabled). */
  token?: string;
  /** UNIX seconds; the time of signing. */
  requestTime: number;
}

/**
 * The request URL: the configured URL with `SdkAppid`, `CallbackCommand`, `contenttype`,
 * `ClientIP`, `OptPlatform` (and `Sign`, `RequestTime` when signed) appended in that order
 * to whatever query it already has (docs/callbacks.md §1.1, §5.1). A fragment is dropped.
 */
export function callbackUrl(configured: string, query: CallbackQuery): string {
  const base = configured.split('#')[0];
  const params: [string, string][] = [
    [CallbackQueryParams.SdkAppId, String(query.sdkAppId)],
    [CallbackQueryParams.CallbackCommand, query.command],
    [CallbackQueryParams.ContentType, 'json'],
    [CallbackQueryParams.ClientIp, query.clientIp],
    [CallbackQueryParams.OptPlatform, query.platform],
  ];
  if (query.token !== undefined) {
    params.push(
      [CallbackQueryParams.Sign, callbackSign(query.token, query.requestTime)],
      [CallbackQueryParams.RequestTime, String(query.requestTime)],
    );
  }
  const text = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${text}`;
}

/**
 * The `X-IM-Event-Id` of an after-callback: a name-based UUID (version 5 layout over SHA-1)
 * of the source event and the command, so every retry and replay of one callback carries the
 * same ID and no other callback does.
 */
export function callbackEventId(sourceEventId: string, command: CallbackCommand): string {
  const hash = createHash('sha1').update(`${sourceEventId}\n${command}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The JSON text of a request body: `CallbackCommand` first, `EventTime` added when missing. */
export function beforeCallbackBodyText(
  command: CallbackCommand,
  body: Record<string, unknown>,
  nowMs: number,
): string {
  const { CallbackCommand: _ignored, ...fields } = body;
  void _ignored;
  return JSON.stringify({
    CallbackCommand: command,
    ...fields,
    EventTime: typeof fields.EventTime === 'number' ? fields.EventTime : nowMs,
  });
}
