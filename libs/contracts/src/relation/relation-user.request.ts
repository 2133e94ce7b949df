import { IsUserId } from '../common';

/** A request about one user's own relation data. */
export class RelationUserRequest {
  @IsUserId()
  userId!: string;
}
