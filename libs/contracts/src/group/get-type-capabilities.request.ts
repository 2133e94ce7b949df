import { IsOptional, IsString } from 'class-validator';

/** The capabilities of one type, of one group's type, or (neither given) of every type of the app. */
export class GetTypeCapabilitiesRequest {
  @IsOptional()
  @IsString()
  type?: string;

  @IsOptional()
  @IsString()
  groupId?: string;
}
