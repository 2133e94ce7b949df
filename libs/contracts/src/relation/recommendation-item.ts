import { IsOptional, IsString } from 'class-validator';

/** A recommended user with an optional note (≤ 500 bytes, checked per item; AMB-34). */
export class RecommendationItem {
  @IsString()
  userId!: string;

  @IsOptional()
  @IsString()
  note?: string;
}
