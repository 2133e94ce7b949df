import type { ContactGroupInfo, ContactMarkState, ContactResult } from './contact-marks.model';

/** create_contact_group: the new group and a result per conversation. */
export class CreateContactGroupReply {
  group!: ContactGroupInfo;
  results!: ContactResult[];
}

/** update_contact_group: the group after, and a result per change. */
export class UpdateContactGroupReply {
  group!: ContactGroupInfo;
  oldName!: string;
  results!: (ContactResult & { op: 'add' | 'remove' })[];
}

/** del_contact_group: the names deleted. */
export class DeleteContactGroupsReply {
  names!: string[];
}

/** get_contact_group / search_contact_group: marked conversations and the user's groups. */
export class ContactGroupsReply {
  items!: (ContactMarkState & { code?: number; message?: string })[];
  groups!: ContactGroupInfo[];
  isComplete!: boolean;
  nextIndex!: number;
}

/** mark_contact: each conversation's marks after, with a result. */
export class MarkContactsReply {
  items!: (ContactMarkState & { code: number; message: string })[];
}
