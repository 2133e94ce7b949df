/** A C2C message's REST identity `{MsgSeq}_{MsgRandom}_{MsgTime}` (docs/rest-api.md §2.2). */
export interface C2cMsgKey {
  clientSeq: number;
  random: number;
  time: number;
}

const UINT32 = 0xffffffff;

export const MsgKeys = {
  c2c(key: C2cMsgKey): string {
    return `${key.clientSeq}_${key.random}_${key.time}`;
  },
  group(seq: number): string {
    return String(seq);
  },
  /** The parts of a C2C MsgKey, or undefined when it is not one. */
  parseC2c(text: string): C2cMsgKey | undefined {
    const match = /^(\d{1,10})_(\d{1,10})_(\d{1,10})$/.exec(text);
    if (!match) return undefined;
    const [clientSeq, random, time] = match.slice(1).map(Number);
    if (clientSeq > UINT32 || random > UINT32 || time > UINT32) return undefined;
    return { clientSeq, random, time };
  },
} as const;
