/** Redis keys of the REST edge. */
export const ApiGatewayCacheKeys = {
  /** Requests of one app in one UNIX second (fixed-window rate limit). */
  rate: (sdkAppId: number, second: number) => `api-gateway:${sdkAppId}:rate:${second}`,
} as const;
