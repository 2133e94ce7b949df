import type { MsgElement } from '@im/contracts';

/** Bench messages are text elements starting with this, then tag and send time. */
export const MESSAGE_PREFIX = 'b|';

/** The body of a bench message: tag and send time (epoch ms) travel in the text. */
export function benchBody(tag: string, sentAt: number): MsgElement[] {
  return [
    {
      MsgType: 'TIMTextElem',
      MsgContent: { Text: `${MESSAGE_PREFIX}${tag}|${sentAt.toFixed(3)}|bench payload 0123456789` },
    },
  ];
}
