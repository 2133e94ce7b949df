/** A reply without fields. */
export class EmptyReply {}
