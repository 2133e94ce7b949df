import type { OperatorAppSummary } from './operator-app-summary';

export class OperatorAppPageReply {
  items!: OperatorAppSummary[];
  total!: number;
}
