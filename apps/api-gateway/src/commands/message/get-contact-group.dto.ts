import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId, MessageLimits } from '@im/contracts';

/** `recentcontact/get_contact_group`: a page from `StartIndex` (0 first, then `NextStartIndex`). */
export class GetContactGroupDto {
  @IsUserId()
  From_Account!: string;

  @IsOptional()
  @Max(MessageLimits.contactMarkedMax)
  @Min(0)
  @IsInt()
  StartIndex?: number;
}
