import { IsString } from 'class-validator';

import { GroupIdRequest } from './group-id.request';

/** change_group_owner (GRP-42). */
export class ChangeOwnerRequest extends GroupIdRequest {
  @IsString()
  newOwnerId!: string;
}
