import type { FriendProfileResult } from './friend-profile-result';

export class GetFriendProfilesReply {
  results!: FriendProfileResult[];
}
