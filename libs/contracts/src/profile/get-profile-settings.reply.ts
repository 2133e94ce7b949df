import type { AdminForbidType, AllowType } from './profile.enums';

/** A user's settings; defaults when never set (NeedConfirm, None, 0). */
export class ProfileSettings {
  userId!: string;
  /** False when the account is not known to the platform. */
  exists!: boolean;
  allowType!: AllowType;
  adminForbidType!: AdminForbidType;
  msgSettings!: number;
}

export class GetProfileSettingsReply {
  settings!: ProfileSettings[];
}
