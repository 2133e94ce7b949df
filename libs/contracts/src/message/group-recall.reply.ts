import type { SeqResult } from './seq-result';

export class GroupRecallReply {
  results!: SeqResult[];
}
