import type { MemberResultItem } from './member-result-item';

/** Per-user outcome of add_group_member / import_group_member, in request order. */
export class MemberResultsReply {
  results!: MemberResultItem[];
}
