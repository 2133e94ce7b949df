import type { MutedMember } from './muted-member';

/** Members muted now (get_group_muted_account / get_group_shutted_uin). */
export class GetMutedReply {
  members!: MutedMember[];
}
