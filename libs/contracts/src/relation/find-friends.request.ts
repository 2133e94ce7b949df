import { IsUserId, Utf8Bytes } from '../common';

/** Finds friends of `userId` whose user ID or nickname is exactly `keyword` (REL-30, AMB-31). */
export class FindFriendsRequest {
  @IsUserId()
  userId!: string;

  @Utf8Bytes(1, 500)
  keyword!: string;
}
