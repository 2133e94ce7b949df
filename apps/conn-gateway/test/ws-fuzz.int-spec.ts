import type { AppReply } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';
import { FUZZ_ADMIN, startFuzzPlatform } from '@im/testing';
import type { FuzzPlatform } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { fuzzWs, renderWsFuzzReport } from './fuzz/ws-fuzz.runner';

/**
 * The WebSocket fuzzer over every client command, against the whole platform: hostile types,
 * sizes, depths, encodings (invalid UTF-8, binary frames, lone surrogates), keys (`__proto__`,
 * `constructor`), huge numbers, unknown ops, frames before login, oversized frames. Every
 * answer must be the documented envelope with a documented code that is not an internal error,
 * every close a documented close code; no service may log an error or a stack, and none may
 * exit. `npm test` runs the short form; `npm run fuzz` the long one (FUZZ_WS_FRAMES,
 * FUZZ_SEED, FUZZ_WS_REPORT=file for the Markdown report).
 */
describe('WebSocket fuzzer', () => {
  const frames = Number(process.env.FUZZ_WS_FRAMES ?? 3000);
  const seed = Number(process.env.FUZZ_SEED ?? 20261207);
  let fuzz: FuzzPlatform;
  let app: AppReply;

  beforeAll(async () => {
    fuzz = await startFuzzPlatform('wsfuzz');
    app = fuzz.app;
  }, 180_000);

  afterAll(() => fuzz?.stop());

  it('answers every fuzzed frame with a documented, non-internal code or a documented close', async () => {
    const admin = new RestAdminClient({
      baseUrl: fuzz.platform.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: FUZZ_ADMIN,
      secretKey: app.secretKey,
    });
    const accounts = ['wf1', 'wf2', 'wf3'];
    await admin.call('im_open_login_svc', 'multiaccount_import', { Accounts: accounts });
    const group = (await admin.call('group_open_http_svc', 'create_group', {
      Owner_Account: 'wf1',
      Type: 'Public',
      Name: 'fuzz',
      MemberList: [{ Member_Account: 'wf2' }, { Member_Account: 'wf3' }],
    })) as { GroupId?: string };
    const room = (await admin.call('group_open_http_svc', 'create_group', {
      Owner_Account: 'wf1',
      Type: 'AVChatRoom',
      Name: 'fuzz room',
    })) as { GroupId?: string };
    expect([group, room]).toEqual([
      expect.objectContaining({ GroupId: expect.any(String) }),
      expect.objectContaining({ GroupId: expect.any(String) }),
    ]);
    const userSigs = Object.fromEntries(
      accounts.map((userId) => [
        userId,
        signUserSig({
          sdkAppId: app.sdkAppId,
          secretKey: app.secretKey,
          identifier: userId,
          expireSeconds: 86_400,
        }),
      ]),
    );

    const report = await fuzzWs({
      wsUrl: fuzz.platform.wsUrl,
      ids: {
        sdkAppId: app.sdkAppId,
        accounts,
        groupId: group.GroupId!,
        roomId: room.GroupId!,
        userSigs,
      },
      frames,
      seed,
    });
    const logs = fuzz.logProblems();
    fuzz.writeReport(process.env.FUZZ_WS_REPORT, renderWsFuzzReport(report, fuzz.summaryLines()));
    expect(report.frames).toBe(frames);
    expect(report.regressions).toBeGreaterThan(10);
    expect({ findings: report.findings.slice(0, 30), logs: logs.slice(0, 10) }).toEqual({
      findings: [],
      logs: [],
    });
    expect(fuzz.exited).toEqual([]);
  }, 1_800_000);
});
