import { IsString } from 'class-validator';

import { GroupOperatorRequest } from './group-operator.request';

/** A request about one group (destroy, quit, muted list, online count, search, ...). */
export class GroupIdRequest extends GroupOperatorRequest {
  @IsString()
  groupId!: string;
}
