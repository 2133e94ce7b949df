import { IsString } from 'class-validator';

import { NoNul } from '../common';

/** A request about one official account (`destroy_official_account`). */
export class OfficialAccountIdRequest {
  @IsString()
  @NoNul()
  officialAccountId!: string;
}
