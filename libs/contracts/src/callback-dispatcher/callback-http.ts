/**
 * HTTP headers the callback dispatcher adds to every request beyond what docs/callbacks.md
 * prescribes (receivers that do not know them ignore them).
 *
 * - `X-IM-Event-Id`: a UUID that names one after-callback: the same on every retry and replay
 *   of it, different for every other callback. An app backend that must not process a
 *   callback twice (after-callbacks are delivered at least once, docs/requirements.md AMB-47) keeps
 *   the IDs it processed and drops repeats.
 * - `X-IM-Source-Event-Id`: the `eventId` of the platform event the callback reports (one
 *   event may produce two callbacks, e.g. blacklist added and removed).
 * - `X-IM-Attempt`: 1 for the first delivery, 2 for the first retry, ...
 * - `X-IM-Request-Id`: the platform request ID, for support.
 */
export const CallbackHttpHeaders = {
  EventId: 'x-im-event-id',
  SourceEventId: 'x-im-source-event-id',
  Attempt: 'x-im-attempt',
  RequestId: 'x-im-request-id',
} as const;

/** Query parameter names, in the order they are appended (docs/callbacks.md §1.1, §5.1). */
export const CallbackQueryParams = {
  SdkAppId: 'SdkAppid',
  CallbackCommand: 'CallbackCommand',
  ContentType: 'contenttype',
  ClientIp: 'ClientIP',
  OptPlatform: 'OptPlatform',
  Sign: 'Sign',
  RequestTime: 'RequestTime',
} as const;
