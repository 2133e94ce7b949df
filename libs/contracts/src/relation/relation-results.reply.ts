import type { RelationResultItem } from './relation-result-item';

/** One result per distinct target, in request order (`ResultItem[]`). */
export class RelationResultsReply {
  results!: RelationResultItem[];
}
