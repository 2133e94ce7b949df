import type { SnsItem } from './sns-item';

/** A friend with its fields (`UserDataItem` / `InfoItem`). */
export class FriendData {
  userId!: string;
  items!: SnsItem[];
}
