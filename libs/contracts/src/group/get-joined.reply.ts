import type { JoinedGroup } from './joined-group';

export class GetJoinedReply {
  totalCount!: number;
  groups!: JoinedGroup[];
}
