/** NATS header names every request and event carries; the platform fills and reads them. */
export const TransportHeaders = {
  RequestId: 'im-request-id',
  SdkAppId: 'im-sdk-app-id',
  CallerId: 'im-caller-id',
  CallerRole: 'im-caller-role',
  /** The client connection a user request came through (conn-gateway). */
  ConnId: 'im-conn-id',
  /**
   * Epoch milliseconds after which the requester no longer waits for the answer: a server that
   * only gets to the request later drops it unprocessed instead of adding to an overload.
   */
  Deadline: 'im-deadline',
} as const;

/** The HTTP header gateways accept or create and pass on as `TransportHeaders.RequestId`. */
export const HttpRequestIdHeader = 'x-request-id';
