import { IsString } from 'class-validator';

/** A request about one official account (`destroy_official_account`). */
export class OfficialAccountIdRequest {
  @IsString()
  officialAccountId!: string;
}
