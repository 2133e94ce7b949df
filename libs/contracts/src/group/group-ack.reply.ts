/** The reply of a change that answers nothing but success. */
export class GroupAckReply {}
