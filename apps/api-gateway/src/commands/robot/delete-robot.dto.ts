import { IsUserId } from '@im/contracts';

/** `openim_robot_http_svc/delete_robot` (docs/rest-api.md §9.8). */
export class DeleteRobotDto {
  @IsUserId()
  Robot_Account!: string;
}
