/** Limits of the operator accounts and the console (docs/rest-api.md, the console API). */
export const OperatorLimits = {
  usernameMaxBytes: 64,
  passwordMinChars: 12,
  passwordMaxBytes: 256,
  /** A session lasts this long after login, then the operator logs in again. */
  sessionTtlSeconds: 12 * 3600,
  /** Failed logins of one operator name within the window before logins are refused. */
  failuresPerAccount: 5,
  /** Failed logins from one client address within the window before logins are refused. */
  failuresPerIp: 20,
  failureWindowSeconds: 15 * 60,
  pageMax: 100,
  clientIpMaxBytes: 64,
  /** The `detail` of an audit entry the gateway records, as JSON. */
  auditDetailMaxChars: 2048,
} as const;

/** Operator names: letters, digits and `._@-`. */
export const OperatorUsernamePattern = /^[A-Za-z0-9._@-]{1,64}$/;
/** Session and CSRF tokens: 64 hex characters (32 random bytes). */
export const OperatorTokenPattern = /^[0-9a-f]{64}$/;
