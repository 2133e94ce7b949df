/** The MsgKeys that named no message `userId` could see (left as they were). */
export class DeleteC2cMessagesReply {
  invalidMsgKeys!: string[];
}
