import type { ProfileItem } from './profile-item';

export class UserProfile {
  userId!: string;
  /** The requested tags the caller may read, in request order. */
  items!: ProfileItem[];
  /** 0, or a profile code for this user (40003 not found, 40009 unknown tag, ...). */
  code!: number;
  message!: string;
}

export class GetProfilesReply {
  profiles!: UserProfile[];
  /** Users whose code is not 0 (portrait_get's `Fail_Account`). */
  failedUserIds!: string[];
}
