import { IsString } from 'class-validator';

/** `{ "Member_Account": ... }`, an item of add_group_member's `MemberList`. */
export class MemberAccountItemDto {
  @IsString()
  Member_Account!: string;
}
