import { IsDefined, IsString } from 'class-validator';

/** One `{Tag, Value}` of a profile (or of a friend, for relation's mixed tag lists). */
export class ProfileItem {
  @IsString()
  tag!: string;

  /**
   * A string for string/bytes fields, a number for uint32/uint64 fields; its type is checked by
   * the owner of the field (a wrong type is its own code, e.g. 40610), so only presence is
   * checked here. Without a decorator the platform pipe (whitelist) would strip the value.
   */
  @IsDefined()
  value!: string | number;
}
