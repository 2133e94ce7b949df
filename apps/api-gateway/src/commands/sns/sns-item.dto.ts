import { Allow, IsString } from 'class-validator';

/** `{ "Tag": ..., "Value": ... }` of `SnsItem` and `CustomItem`; the value is checked by relation. */
export class SnsItemDto {
  @IsString()
  Tag!: string;

  @Allow()
  Value!: string | number | string[];
}
