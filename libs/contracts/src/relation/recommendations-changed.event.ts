import { EventEnvelope, IsUserId } from '../common';

/** `userId`'s recommendation buffer changed (REL-41). */
export class RecommendationsChangedEvent extends EventEnvelope {
  @IsUserId()
  userId!: string;
}
