import { IsInt, Max, Min } from 'class-validator';

/** The app's admin: one of its dead letters. */
export class AppDeadLetterIdRequest {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  id!: number;
}
