import type { CheckRelation } from './relation.enums';

export class RelationCheckItem {
  userId!: string;
  relation!: CheckRelation;
  code!: number;
  message!: string;
}
