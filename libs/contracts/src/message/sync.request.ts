import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The caller's conversations changed since `cursor` (0 = all). */
export class SyncRequest {
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  cursor!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
