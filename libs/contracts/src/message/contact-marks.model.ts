/**
 * A user's marks and conversation groups of one conversation (recentcontact/mark_contact and
 * the contact-group commands; client commands `conv.mark`, `conv.group-*`).
 */
export interface ContactMarkState {
  convId: string;
  /** 64 standard mark bits as a binary string, bit 0 last (`"101"` = bits 0 and 2); `"0"` none. */
  standardMark: string;
  customMark: string;
  /** Ids of the user's conversation groups holding it. */
  groupIds: number[];
  /** Epoch seconds of the last change. */
  updatedAt: number;
}

/** One of a user's conversation groups. */
export interface ContactGroupInfo {
  groupId: number;
  name: string;
}

/** A conversation's result in a batch command (0 = done; otherwise an ErrorCode). */
export interface ContactResult {
  convId: string;
  code: number;
  message: string;
}
