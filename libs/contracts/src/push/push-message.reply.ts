/** The task a push became (`TaskId`). */
export class PushMessageReply {
  taskId!: string;
}
