/**
 * `MsgId` of a C2C message, answered by `openim/sendmsg` and `openim/batchsendmsg` (Tencent's
 * newer replies carry it beside `MsgKey`): `{sender}-{time}-{random}`, built from what every
 * client sees of the message (`from`, `time`, `random` of `ChatMessage`), so a client finds
 * the message an app backend sent by it. Every copy of a batch shares it, as it shares MsgKey.
 */
export function c2cMsgId(m: { from: string; time: number; random: number }): string {
  return `${m.from}-${m.time}-${m.random}`;
}
