import type { RelationResultItem } from './relation-result-item';

export class CreateFriendListsReply {
  /** One per friend of `toUserIds`. */
  results!: RelationResultItem[];
  /** The friend-list sequence after the change (`CurrentSequence`). */
  sequence!: number;
}
