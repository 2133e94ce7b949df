/** NATS header names every request and event carries; the platform fills and reads them. */
export const TransportHeaders = {
  RequestId: 'im-request-id',
  SdkAppId: 'im-sdk-app-id',
  CallerId: 'im-caller-id',
  CallerRole: 'im-caller-role',
} as const;

/** The HTTP header gateways accept or create and pass on as `TransportHeaders.RequestId`. */
export const HttpRequestIdHeader = 'x-request-id';
