import { IsString } from 'class-validator';

/** `{ "Key": ..., "Value": ... }` of `AppDefinedData` / `AppMemberDefinedData` (docs/rest-api.md §2.6). */
export class GroupCustomDataDto {
  @IsString()
  Key!: string;

  @IsString()
  Value!: string;
}
