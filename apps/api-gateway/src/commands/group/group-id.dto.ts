import { IsOptional, IsString } from 'class-validator';

/**
 * A command about one group: destroy_group, get_group_shutted_uin, get_group_muted_account,
 * get_online_member_num, search_group. `From_Account` (optional): act as that user with their
 * rights instead of the App admin's.
 */
export class GroupIdDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @IsString()
  From_Account?: string;
}
