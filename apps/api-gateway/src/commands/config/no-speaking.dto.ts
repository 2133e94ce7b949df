import { IsDefined, IsInt, IsOptional, Max, Min } from 'class-validator';

import { ErrorCode, IsUserId, NoSpeaking } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/**
 * openconfigsvr/setnospeaking: `Set_Account` (130002 when missing, 130003 when not a user ID)
 * and at least one of the two durations, uint32 seconds (0 = unmute, 4294967295 = permanent).
 */
export class SetNoSpeakingDto {
  @IsUserId()
  @IsDefined(withCode(ErrorCode.ConfigAccountMissing))
  Set_Account!: string;

  @Max(NoSpeaking.permanentSeconds)
  @Min(0)
  @IsInt()
  @IsOptional()
  C2CmsgNospeakingTime?: number;

  @Max(NoSpeaking.permanentSeconds)
  @Min(0)
  @IsInt()
  @IsOptional()
  GroupmsgNospeakingTime?: number;
}

/** openconfigsvr/getnospeaking: `Get_Account` (130002 when missing, 130003 when not a user ID). */
export class GetNoSpeakingDto {
  @IsUserId()
  @IsDefined(withCode(ErrorCode.ConfigAccountMissing))
  Get_Account!: string;
}
