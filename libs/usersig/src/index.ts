export { decodeUserSig, MAX_INFLATED_BYTES, MAX_USER_SIG_LENGTH } from './user-sig.codec';
export { UserSigError } from './user-sig.errors';
export { signUserSig } from './user-sig.signer';
export type {
  DecodedUserSig,
  SignUserSigInput,
  UserSigClaims,
  UserSigFailure,
  UserSigFailureCode,
  VerifyUserSigInput,
  VerifyUserSigResult,
} from './user-sig.types';
export {
  DEFAULT_MAX_FUTURE_SKEW_SECONDS,
  DEFAULT_VERIFIER_MAX_ENTRIES,
  revokedByKick,
  UserSigVerifier,
  verifyUserSig,
} from './user-sig.verifier';
export type { UserSigVerifierOptions } from './user-sig.verifier';
