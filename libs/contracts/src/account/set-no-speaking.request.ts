import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { NoSpeaking } from './no-speaking.limits';

/** setnospeaking: mute (or unmute, 0) a user's C2C and/or group sends for a number of seconds. */
export class SetNoSpeakingRequest {
  @IsString()
  userId!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(NoSpeaking.permanentSeconds)
  c2cSeconds?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(NoSpeaking.permanentSeconds)
  groupSeconds?: number;
}
