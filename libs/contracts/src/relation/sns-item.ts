import { Allow, IsString } from 'class-validator';

/**
 * One `{Tag, Value}` of a friend: a string for string/bytes fields, a number for the time
 * fields, an array of strings for `Tag_SNS_IM_Group`. The value is checked by the service.
 */
export class SnsItem {
  @IsString()
  tag!: string;

  @Allow()
  value!: string | number | string[];
}
