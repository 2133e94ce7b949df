import type { MsgElement, SendMessageReply } from '@im/contracts';

import type { BeforeSendContext, BeforeSendHook, BeforeSendVerdict } from './before-send.hook';
import type { Claim, DedupeGuard } from './dedupe.guard';
import { MessageError } from './message.errors';
import { SendSteps } from './send-steps.service';

/** Remembers answers by key in memory, as DedupeGuard does in Redis. */
class DedupeFake {
  readonly settled = new Map<string, SendMessageReply>();
  readonly released: string[] = [];

  claim(_sdkAppId: number, convId: string, key: string): Promise<Claim> {
    const reply = this.settled.get(`${convId}|${key}`);
    return Promise.resolve(reply ? { first: false, reply } : { first: true });
  }

  settle(_sdkAppId: number, convId: string, key: string, reply: SendMessageReply) {
    this.settled.set(`${convId}|${key}`, reply);
    return Promise.resolve();
  }

  release(_sdkAppId: number, convId: string, key: string): Promise<void> {
    this.released.push(`${convId}|${key}`);
    return Promise.resolve();
  }
}

const body: MsgElement[] = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
const context: BeforeSendContext = {
  sdkAppId: 1,
  type: 'C2C',
  from: 'a',
  to: 'b',
  body,
  cloudCustomData: 'ccd',
  random: 7,
  origin: 'client',
  operator: 'a',
  time: 100,
  onlineOnly: false,
};
const reply = (seq: number): SendMessageReply => ({
  convId: 'c2c:a:b',
  seq,
  time: 100,
  msgKey: `${seq}_7_100`,
  isDuplicate: false,
});

describe(SendSteps.name, () => {
  let dedupe: DedupeFake;
  let verdict: BeforeSendVerdict;
  let asked: BeforeSendContext[];
  let sut: SendSteps;

  beforeEach(() => {
    dedupe = new DedupeFake();
    verdict = { action: 'deliver' };
    asked = [];
    const hook: BeforeSendHook = {
      beforeSend: (c) => {
        asked.push(c);
        return Promise.resolve(verdict);
      },
    };
    sut = new SendSteps(dedupe as unknown as DedupeGuard, hook);
  });

  describe('beforeSend', () => {
    it('sends the content as it is when the app allows it or the sender forbade the callback', async () => {
      expect(await sut.beforeSend(context, undefined)).toEqual({ body, cloudCustomData: 'ccd' });
      expect(await sut.beforeSend(context, ['ForbidBeforeSendMsgCallback'])).toEqual({
        body,
        cloudCustomData: 'ccd',
      });
      expect(asked).toHaveLength(1);
    });

    it('takes the app’s rewrite of the body or CloudCustomData', async () => {
      const rewritten = [{ MsgType: 'TIMTextElem', MsgContent: { Text: '**' } }] as MsgElement[];
      verdict = { action: 'deliver', body: rewritten };
      expect(await sut.beforeSend(context, undefined)).toEqual({
        body: rewritten,
        cloudCustomData: 'ccd',
      });
    });

    it('refuses with the app’s code, and answers nothing to send for a discard', async () => {
      verdict = { action: 'reject', code: 20006, message: 'no' };
      await expect(sut.beforeSend(context, undefined)).rejects.toBeInstanceOf(MessageError);
      verdict = { action: 'discard' };
      expect(await sut.beforeSend(context, undefined)).toBeUndefined();
    });
  });

  describe('once', () => {
    it('stores a send once and answers a repeat with the first answer, without storing again', async () => {
      let stores = 0;
      let delivered = 0;
      const after = () => {
        delivered++;
      };
      const store = () => {
        stores++;
        return Promise.resolve({ reply: reply(stores), after });
      };

      expect(await sut.once(1, 'c2c:a:b', 'a:7', store)).toEqual(reply(1));
      expect(await sut.once(1, 'c2c:a:b', 'a:7', store)).toEqual(reply(1));
      expect(stores).toBe(1);
      expect(delivered).toBe(1);
    });

    it('frees the key when storing fails, so a retry stores', async () => {
      const failing = () => Promise.reject(new Error('db down'));

      await expect(sut.once(1, 'c2c:a:b', 'a:7', failing)).rejects.toThrow('db down');

      expect(dedupe.released).toEqual(['c2c:a:b|a:7']);
      expect(
        await sut.once(1, 'c2c:a:b', 'a:7', () => Promise.resolve({ reply: reply(2) })),
      ).toEqual(reply(2));
    });
  });
});
