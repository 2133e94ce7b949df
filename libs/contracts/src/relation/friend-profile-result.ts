import type { SnsItem } from './sns-item';

/** One friend of friend_get_list: its items in the order of the requested tags. */
export class FriendProfileResult {
  userId!: string;
  items!: SnsItem[];
  code!: number;
  message!: string;
}
