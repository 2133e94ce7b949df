import { IsString } from 'class-validator';

/** One `{Tag, Value}` of a profile (or of a friend, for relation's mixed tag lists). */
export class ProfileItem {
  @IsString()
  tag!: string;

  /** A string for string/bytes fields, a number for uint32/uint64 fields; checked by the owner. */
  value!: string | number;
}
