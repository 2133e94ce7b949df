import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';

import { IsUserId } from '../common';
import { RecommendationItem } from './recommendation-item';
import { RelationLimits } from './relation.enums';

/** Adds users to (or updates the notes of) `userId`'s recommendation buffer (REL-41). */
export class AddRecommendationsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.recommendationsMax)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RecommendationItem)
  items!: RecommendationItem[];
}
