import { IsString } from 'class-validator';

/** One custom field value (`AppDefinedData` / `AppMemberDefinedData` item). */
export class GroupCustomDataItem {
  @IsString()
  key!: string;

  /** An app-defined string; an empty value deletes the key on modify. */
  @IsString()
  value!: string;
}
