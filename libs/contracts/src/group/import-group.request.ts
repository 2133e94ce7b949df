import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { CreateGroupRequest } from './create-group.request';

/**
 * import_group (GRP-60): as create_group, App admin only, not for AVChatRoom/BChatRoom, with
 * the original creation time; members come with import_group_member (`members` is refused).
 */
export class ImportGroupRequest extends CreateGroupRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  createTime?: number;
}
