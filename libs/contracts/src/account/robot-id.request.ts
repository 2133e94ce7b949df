import { IsUserId } from '../common';

/** `openim_robot_http_svc/delete_robot`: the robot to make an ordinary account again. */
export class RobotIdRequest {
  @IsUserId()
  userId!: string;
}
