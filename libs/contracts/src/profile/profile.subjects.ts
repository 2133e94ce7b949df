/** Request/reply subjects served by the profile service (queue group `profile`). */
export const ProfileRpc = {
  /** portrait_set: all-or-nothing write of one user's fields. */
  Set: 'profile.rpc.set',
  /** portrait_get: chosen tags of up to 100 users, only what the caller may read. */
  Get: 'profile.rpc.get',
  /** What other services need to decide: AllowType, AdminForbidType, MsgSettings (cached). */
  GetSettings: 'profile.rpc.get-settings',
} as const;

/** Facts the profile service publishes (JetStream stream `PROFILE_EVENTS`). */
export const ProfileEvt = {
  Changed: 'profile.evt.changed',
} as const;
