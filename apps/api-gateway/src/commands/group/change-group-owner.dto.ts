import { IsOptional, IsString } from 'class-validator';

/** `change_group_owner` (docs/rest-api.md §7.16). */
export class ChangeGroupOwnerDto {
  @IsString()
  GroupId!: string;

  @IsString()
  NewOwner_Account!: string;

  @IsOptional()
  @IsString()
  From_Account?: string;
}
