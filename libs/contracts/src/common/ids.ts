/** Limits on identifiers shared by every service (docs/rest-api.md §1.4). */
export const IdLimits = {
  sdkAppIdMin: 1,
  sdkAppIdMax: 0xffffffff,
  userIdMaxBytes: 32,
} as const;

/** A UserID: 1..32 bytes, no control characters. */
export function isValidUserId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  if (Buffer.byteLength(value, 'utf8') > IdLimits.userIdMaxBytes) return false;
  return !/[\u0000-\u001f\u007f]/.test(value);
}

export function isValidSdkAppId(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= IdLimits.sdkAppIdMin &&
    value <= IdLimits.sdkAppIdMax
  );
}
