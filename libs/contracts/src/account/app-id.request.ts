import { IsInt, Max, Min } from 'class-validator';

/** Operator request naming one app. */
export class AppIdRequest {
  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  sdkAppId!: number;
}
