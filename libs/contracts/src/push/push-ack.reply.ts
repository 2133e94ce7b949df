/** The answer of a push-service change that returns nothing but success. */
export class PushAckReply {}
