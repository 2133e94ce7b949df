import { IsIn, IsOptional } from 'class-validator';

import { IsUserId } from '../common';
import { CheckTypes } from './relation.enums';
import type { CheckType } from './relation.enums';

/** For other services: how `userId` (A) and `peerUserId` (B) relate; answered from a cache. */
export class RelationPairRequest {
  @IsUserId()
  userId!: string;

  @IsUserId()
  peerUserId!: string;

  /** `single` looks at A's list only; default `both`. */
  @IsOptional()
  @IsIn(CheckTypes)
  checkType?: CheckType;
}
