import { IsInt, IsOptional, IsString, Min } from 'class-validator';

import { ErrorCode, IsUserId } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/**
 * `openim/admin_getroammsg` (docs/rest-api.md §4.4); `From_Account` / `To_Account` are accepted for
 * `Operator_Account` / `Peer_Account`.
 */
export class AdminGetRoamMsgDto {
  @IsUserId(withCode(ErrorCode.FromAccountInvalid))
  Operator_Account!: string;

  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  Peer_Account!: string;

  @Min(1)
  @IsInt()
  MaxCnt!: number;

  @Min(0)
  @IsInt()
  MinTime!: number;

  @Min(0)
  @IsInt()
  MaxTime!: number;

  @IsOptional()
  @IsString()
  LastMsgKey?: string;
}
