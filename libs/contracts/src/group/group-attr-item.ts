import { IsString } from 'class-validator';

/** One group attribute (`GroupAttr` item: lower-case `key`, `value`). */
export class GroupAttrItem {
  @IsString()
  key!: string;

  @IsString()
  value!: string;
}
