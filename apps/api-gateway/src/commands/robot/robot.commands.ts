import { AccountRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import { CreateRobotDto } from './create-robot.dto';
import { DeleteRobotDto } from './delete-robot.dto';
import { GetAllRobotsDto } from './get-all-robots.dto';

const ROBOT = 'openim_robot_http_svc';

/** `openim_robot_http_svc`: robot accounts (docs/rest-api.md §9.8). */
export const robotCommands = [
  restCommand({
    service: ROBOT,
    command: 'create_robot',
    dto: CreateRobotDto,
    subject: AccountRpc.CreateRobot,
    toRequest: (d) => ({
      userId: d.UserID,
      nick: d.Nick,
      faceUrl: d.FaceUrl,
      selfSignature: d.SelfSignature,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: ROBOT,
    command: 'delete_robot',
    dto: DeleteRobotDto,
    subject: AccountRpc.DeleteRobot,
    toRequest: (d) => ({ userId: d.Robot_Account }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: ROBOT,
    command: 'get_all_robots',
    dto: GetAllRobotsDto,
    subject: AccountRpc.ListRobots,
    toRequest: () => ({}),
    toResponse: (r) => ({ Robot_Account: r.userIds }),
  }),
];
