import { ErrorCode } from '@im/contracts';
import type { AppReply, MsgElement } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { PlatformFixture } from './platform.fixture';

const now = () => Math.floor(Date.now() / 1000);
const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

/**
 * Overload over REST, against every service as a process: a message service that works on one
 * request at a time and lets one more wait (NATS_MAX_IN_FLIGHT=1, NATS_MAX_QUEUED=1) is sent
 * bursts of `openim/sendmsg`. What it cannot take is answered at once with the busy error
 * (60018 and RetryAfterMs, docs/rest-api.md §1.3) and stored nowhere; what it takes is
 * answered OK and stored. Nothing else comes back, and no time is measured.
 */
describe('overload over REST', () => {
  const BURST = 40;
  let fixture: PlatformFixture;
  let app: AppReply;
  let admin: RestAdminClient;

  beforeAll(async () => {
    fixture = await PlatformFixture.start({
      extraEnv: { message: { NATS_MAX_IN_FLIGHT: '1', NATS_MAX_QUEUED: '1' } },
    });
    app = await fixture.apps.create({ settings: { restRateLimitPerSecond: 100_000 } });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  /** What the message service stored between two users (asked until it is not busy itself). */
  const stored = (from: string, to: string) =>
    waitFor(async () => {
      const reply = await admin.call('openim', 'admin_getroammsg', {
        Operator_Account: from,
        Peer_Account: to,
        MaxCnt: 100,
        MinTime: 0,
        MaxTime: now() + 1,
      });
      if (reply.ErrorCode === ErrorCode.TooManyRequests) return null;
      expect(reply.ErrorCode).toBe(0);
      return (reply.MsgList as { MsgBody: MsgElement[] }[]).map(
        (m) => (m.MsgBody[0].MsgContent as { Text: string }).Text,
      );
    });

  it('answers what it cannot take with 60018 and RetryAfterMs at once, and stores exactly what it answered OK', async () => {
    const answers: { text: string; reply: RestEnvelope; from: string; to: string }[] = [];
    // bursts until the service was offered more than it takes (the first one, on any machine
    // where a send costs more than the gateway's dispatch of the next one)
    for (let round = 0; round < 10; round++) {
      const from = `sender${round}`;
      const to = `receiver${round}`;
      await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: [from, to] });
      const burst = await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const body = `r${round}-m${i}`;
          const reply = await admin.call('openim', 'sendmsg', {
            From_Account: from,
            To_Account: to,
            MsgRandom: round * BURST + i + 1,
            MsgBody: text(body),
          });
          return { text: body, reply, from, to };
        }),
      );
      answers.push(...burst);
      if (burst.some((a) => a.reply.ErrorCode === ErrorCode.TooManyRequests)) break;
    }

    const busy = answers.filter((a) => a.reply.ErrorCode === ErrorCode.TooManyRequests);
    const ok = answers.filter((a) => a.reply.ErrorCode === 0);
    expect(busy.length).toBeGreaterThan(0);
    expect(ok.length).toBeGreaterThan(0);
    // nothing but OK or busy: no timeout, no internal error
    expect(answers.filter((a) => a.reply.ErrorCode !== 0 && !busy.includes(a))).toEqual([]);
    for (const { reply } of busy) {
      expect(reply).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCode.TooManyRequests,
        ErrorInfo: expect.stringContaining('retry later'),
      });
      expect(Number.isInteger(reply.RetryAfterMs)).toBe(true);
      expect(reply.RetryAfterMs).toBeGreaterThan(0);
    }
    // every send answered OK is stored, none answered busy is: busy means nothing was done
    for (const { from, to } of new Map(answers.map((a) => [a.from, a])).values()) {
      const sent = ok.filter((a) => a.from === from).map((a) => a.text);
      expect((await stored(from, to)).sort()).toEqual(sent.sort());
    }
  }, 300_000);
});
