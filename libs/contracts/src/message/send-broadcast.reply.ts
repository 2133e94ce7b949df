/** What a broadcast reached: the live rooms it was sent to, and those that refused it. */
export class SendBroadcastReply {
  roomCount!: number;
  failedCount!: number;
}
