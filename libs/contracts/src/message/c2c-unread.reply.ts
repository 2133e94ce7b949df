import type { PeerUnread } from './peer-unread';
import type { RecipientError } from './recipient-error';

export class C2cUnreadReply {
  total!: number;
  /** The asked peers that exist (in request order). */
  peers!: PeerUnread[];
  /** Asked peers that do not exist (70107). */
  errors!: RecipientError[];
}
