import type { ConversationType } from './conversation-id';

/** One entry of a recent-contact page. */
export class ConversationItem {
  type!: ConversationType;
  /** The other user or the group ID. */
  peer!: string;
  lastTime!: number;
  pinned!: boolean;
  /** When the user marked or grouped it (recentcontact/mark_contact, *_contact_group). */
  standardMark?: string;
  customMark?: string;
  contactGroups?: { groupId: number; name: string }[];
}
