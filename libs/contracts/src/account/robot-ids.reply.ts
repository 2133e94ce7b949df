/** Robot user IDs, oldest first. */
export class RobotIdsReply {
  userIds!: string[];
}
