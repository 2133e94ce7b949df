import type { RelationCheckItem } from './relation-check-item';

export class CheckRelationsReply {
  results!: RelationCheckItem[];
}
