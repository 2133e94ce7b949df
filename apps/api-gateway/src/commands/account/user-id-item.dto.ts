import { IsString } from 'class-validator';

/** `{ "UserID": "..." }`, an item of `DeleteItem` and `CheckItem`. */
export class UserIdItemDto {
  @IsString()
  UserID!: string;
}
