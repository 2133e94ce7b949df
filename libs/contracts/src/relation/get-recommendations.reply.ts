import type { Recommendation } from './recommendation';

export class GetRecommendationsReply {
  items!: Recommendation[];
}
