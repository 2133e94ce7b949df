import { IsInt, IsOptional, Min } from 'class-validator';

import { IsUserId } from '@im/contracts';

/**
 * `recentcontact/get_list` (docs/rest-api.md §9.6). The cursors are 0 on the first page; with
 * `AssistFlags` bit 0 pinned conversations come first, paged by `TopTimeStamp` / `TopStartIndex`.
 */
export class RecentContactGetListDto {
  @IsUserId()
  From_Account!: string;

  @IsOptional()
  @Min(0)
  @IsInt()
  TimeStamp?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  StartIndex?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  TopTimeStamp?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  TopStartIndex?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  AssistFlags?: number;
}
