import { IsInt, IsString } from 'class-validator';

/** One group counter (`GroupCounter` item: `Key`, integer `Value`). */
export class GroupCounterItem {
  @IsString()
  key!: string;

  @IsInt()
  value!: number;
}
