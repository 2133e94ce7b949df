import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

import { ErrorCode, GroupLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/**
 * `forbid_send_msg` (docs/rest-api.md §7.12); `ShutUpTime` is an alias of `MuteTime` (seconds, 0
 * unmutes, 4294967295 = permanent). `From_Account`: mute as that member.
 */
export class ForbidSendMsgDto {
  @IsString()
  GroupId!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.accountsMax, withCode(ErrorCode.GroupTooManyAccounts))
  @IsString({ each: true })
  @IsArray()
  Members_Account!: string[];

  @Min(0)
  @Max(GroupLimits.mutePermanent)
  @IsInt()
  MuteTime!: number;

  @IsOptional()
  @IsString()
  From_Account?: string;
}
