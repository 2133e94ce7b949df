import { IsOptional, IsString } from 'class-validator';

/** One target of friend_add; the field rules (REL-5 … REL-9) are checked per item by the service. */
export class AddFriendItem {
  @IsString()
  toUserId!: string;

  /** `AddSource_Type_` + 1..8 letters; required (a missing one fails the item). */
  @IsOptional()
  @IsString()
  addSource?: string;

  @IsOptional()
  @IsString()
  remark?: string;

  /** One friend list the new friend goes to (created when missing). */
  @IsOptional()
  @IsString()
  groupName?: string;

  @IsOptional()
  @IsString()
  addWording?: string;
}
