import { IsOptional, IsString } from 'class-validator';

/**
 * Base of group requests. `operatorId` lets the App admin (REST `From_Account`) or a platform
 * service act as one user, with that user's rights; an end user always acts as themself.
 */
export abstract class GroupOperatorRequest {
  @IsOptional()
  @IsString()
  operatorId?: string;
}
