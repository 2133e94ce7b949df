import { IsUserId } from '@im/contracts';

/** `im_open_login_svc/kick` (docs/rest-api.md §3.5); `Identifier` is an alias of `UserID`. */
export class KickDto {
  @IsUserId()
  UserID!: string;
}
