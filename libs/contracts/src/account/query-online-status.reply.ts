import { OnlineStatus, Platform } from '../presence';

export class PlatformStatus {
  platform!: Platform;
  status!: OnlineStatus;
}

export class UserOnlineStatus {
  userId!: string;
  status!: OnlineStatus;
  detail?: PlatformStatus[];
}

export class QueryOnlineStatusReply {
  results!: UserOnlineStatus[];
  /** Accounts that could not be queried (70107 = not imported). */
  errors!: { userId: string; code: number }[];
}
