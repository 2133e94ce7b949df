import { ErrorCode } from '@im/contracts';

/** The signed content of a UserSig (TLSSigAPIv2), as decoded from its JSON document. */
export interface UserSigClaims {
  /** `TLS.ver`; not checked (the official verifiers do not check it either). */
  version: string;
  /** `TLS.identifier`, the UserID the sig was issued for. */
  identifier: string;
  /** `TLS.sdkappid`. */
  sdkAppId: number;
  /** `TLS.time`, issue time in UNIX seconds. */
  issuedAt: number;
  /** `TLS.expire`, validity in seconds relative to `issuedAt`. */
  expireSeconds: number;
  /** `TLS.userbuf` exactly as found (base64 text); only present when the document has one. */
  userbuf?: string;
}

/** A decoded (not yet verified) UserSig: its claims and the `TLS.sig` text. */
export type DecodedUserSig = UserSigClaims & { sig: string };

export interface SignUserSigInput {
  sdkAppId: number;
  /** The app secret key as text; the HMAC key is its UTF-8 bytes. */
  secretKey: string;
  identifier: string;
  /** Validity in seconds, relative to the issue time. */
  expireSeconds: number;
  /** Issue time in UNIX seconds; defaults to the current time. */
  nowSeconds?: number;
  /** TRTC PrivateMapKey payload; absent for IM UserSigs. */
  userbuf?: Buffer;
}

export interface VerifyUserSigInput {
  userSig: string;
  /** The SDKAppID of the request. */
  sdkAppId: number;
  /** The identifier of the request (UserID at login, admin identifier for REST); case-sensitive. */
  identifier: string;
  /** The app secret key as text. */
  secretKey: string;
  /** Current time in UNIX seconds; defaults to the current time. */
  nowSeconds?: number;
  /** Reject sigs whose `TLS.time` is older than this (after a kick): `issuedAt < notBefore`. */
  notBefore?: number;
  /** Accept sigs that carry a `TLS.userbuf` (TRTC PrivateMapKey); default false. */
  allowUserbuf?: boolean;
  /** How far `TLS.time` may lie in the future (clock skew); default 300 seconds. */
  maxFutureSkewSeconds?: number;
}

/** Every code a UserSig decode or verification can fail with. */
export type UserSigFailureCode =
  | typeof ErrorCode.UserSigEmpty
  | typeof ErrorCode.UserSigUndecodable
  | typeof ErrorCode.UserSigSdkAppIdMismatch
  | typeof ErrorCode.UserSigIdentifierMismatch
  | typeof ErrorCode.UserSigExpired
  | typeof ErrorCode.UserSigVerifyFailed
  | typeof ErrorCode.AppKeyNotConfigured
  | typeof ErrorCode.UserSigKeyMismatch
  | typeof ErrorCode.UserSigRevoked;

export interface UserSigFailure {
  ok: false;
  code: UserSigFailureCode;
  /** Short English text for logs; clients compare codes, never this text. */
  reason: string;
}

export type VerifyUserSigResult =
  { ok: true; claims: UserSigClaims; expiresAt: number } | UserSigFailure;
