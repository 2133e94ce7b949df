import { actsFor, ErrorCode } from '@im/contracts';
import type { CallerContext, CallerRole, FieldAccessParty } from '@im/contracts';

import type { FieldProblem, ProfileField } from './profile-fields.rules';

/**
 * The party of PRF-5 a caller acts as: an end user (`user`, through the client SDK) is "App";
 * the App admin through REST (`admin`), another platform service acting for the app
 * (`service`) and the platform operator (`operator`, console back office) are "AppAdmin".
 */
export function partyOf(role: CallerRole): FieldAccessParty {
  switch (role) {
    case 'user':
      return 'App';
    case 'admin':
    case 'service':
    case 'operator':
      return 'AppAdmin';
  }
}

/** Read permission (PRF-6): "App" is any user of the app, on any profile (AMB-20). */
export function canRead(field: ProfileField, party: FieldAccessParty): boolean {
  return field.read.includes(party);
}

export function canWrite(field: ProfileField, party: FieldAccessParty): boolean {
  return field.write.includes(party);
}

/**
 * Whether the caller may write `userId`'s profile at all: a user only their own (AMB-20: "App
 * write = the profile's owner only"); everyone else acts as the App admin. Another user's
 * profile needs the App admin: 40004.
 */
export function profileWriteProblem(
  caller: Pick<CallerContext, 'role' | 'callerId'>,
  userId: string,
): FieldProblem | undefined {
  if (actsFor(caller, userId)) return undefined;
  return {
    code: ErrorCode.ProfileAdminRequired,
    message: "only the App admin may change another user's profile",
  };
}

/** A field the caller's party may not write: 40008 (PRF-6). */
export function fieldWriteProblem(
  field: ProfileField,
  party: FieldAccessParty,
): FieldProblem | undefined {
  if (canWrite(field, party)) return undefined;
  return {
    code: ErrorCode.ProfileNoWritePermission,
    message: `${field.tag} is not writable by ${party === 'App' ? 'users' : 'the App admin'}`,
  };
}
