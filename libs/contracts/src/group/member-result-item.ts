import type { MemberResult } from './group.enums';

/** One user of an add/import: `result` per docs/error-codes.md §10, `code` says why it failed. */
export class MemberResultItem {
  userId!: string;
  result!: MemberResult;
  /** 0, or the group code of the failure (10019 not imported, 10037 user quota, ...). */
  code!: number;
}
