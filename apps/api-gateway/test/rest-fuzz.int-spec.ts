import type { AppReply } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';
import { FUZZ_ADMIN, startFuzzPlatform } from '@im/testing';
import type { FuzzPlatform } from '@im/testing';

import { renderFuzzReport, fuzzRest } from './fuzz/rest-fuzz.runner';

/**
 * The REST fuzzer over every /v4 command, against the whole platform: hostile types, sizes,
 * depths, encodings and keys, field by field. Every answer must be the envelope with a
 * documented code that is not an internal error; no service may log an error or a stack,
 * and none may exit. `npm test` runs the short form; `npm run fuzz` the long one
 * (FUZZ_REQUESTS, FUZZ_SEED, FUZZ_REPORT=file for the Markdown report).
 */
describe('REST fuzzer', () => {
  const requests = Number(process.env.FUZZ_REQUESTS ?? 1200);
  const seed = Number(process.env.FUZZ_SEED ?? 20261207);
  let fuzz: FuzzPlatform;
  let app: AppReply;

  beforeAll(async () => {
    fuzz = await startFuzzPlatform('fuzz');
    app = fuzz.app;
  }, 180_000);

  afterAll(() => fuzz?.stop());

  it('answers every fuzzed request with a documented, non-internal code', async () => {
    const admin = new RestAdminClient({
      baseUrl: fuzz.platform.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: FUZZ_ADMIN,
      secretKey: app.secretKey,
    });
    const accounts = ['fz1', 'fz2', 'fz3'];
    await admin.call('im_open_login_svc', 'multiaccount_import', { Accounts: accounts });
    const group = (await admin.call('group_open_http_svc', 'create_group', {
      Owner_Account: 'fz1',
      Type: 'Public',
      Name: 'fuzz',
      MemberList: [{ Member_Account: 'fz2' }],
    })) as { GroupId?: string };
    expect(group.GroupId).toEqual(expect.any(String));

    const report = await fuzzRest({
      restUrl: fuzz.platform.restUrl,
      app,
      ids: { accounts, groupId: group.GroupId! },
      requests,
      seed,
    });
    const logs = fuzz.logProblems();
    fuzz.writeReport(process.env.FUZZ_REPORT, renderFuzzReport(report, fuzz.summaryLines()));
    expect(report.requests).toBe(requests);
    expect({ findings: report.findings.slice(0, 30), logs: logs.slice(0, 10) }).toEqual({
      findings: [],
      logs: [],
    });
    expect(fuzz.exited).toEqual([]);
  }, 1_800_000);
});
