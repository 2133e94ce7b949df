import { ErrorCode } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';

import { PlatformFixture } from './platform.fixture';

/**
 * The concurrency acceptance over HTTP, against every service as a process: 300
 * add_group_member requests sent at once to a Private group (limit 200) end with exactly 200
 * members, each request answered with Result 1 or 10014. Every request may wait as long as it
 * takes (the joins of one group queue behind each other): what is checked is the outcome, not
 * the time on a machine that may be busy.
 */
describe('300 simultaneous joins over REST', () => {
  const G = 'group_open_http_svc';
  const WAIT_MS = 150_000;
  let fixture: PlatformFixture;
  let client: RestAdminClient;

  beforeAll(async () => {
    fixture = await PlatformFixture.start({
      extraEnv: {
        'api-gateway': { NATS_REQUEST_TIMEOUT_MS: String(WAIT_MS) },
        // the joins may wait their turn as long as it takes: no busy answer (60018) here
        group: { NATS_MAX_QUEUE_WAIT_MS: String(WAIT_MS) },
      },
    });
    const app = await fixture.apps.create({ settings: { restRateLimitPerSecond: 100_000 } });
    client = new RestAdminClient({
      baseUrl: fixture.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: app.adminIdentifiers[0],
      secretKey: app.secretKey,
      timeoutMs: WAIT_MS,
    });
  }, 120_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  it('ends with exactly 200 members of a Private group; the other 100 get 10014', async () => {
    const users = Array.from({ length: 300 }, (_, i) => `joiner${i}`);
    for (let i = 0; i < users.length; i += 100)
      await client.ok('im_open_login_svc', 'multiaccount_import', {
        Accounts: users.slice(i, i + 100),
      });
    const created = await client.ok(G, 'create_group', { Type: 'Private', Name: 'crowd' });
    const groupId = created.GroupId as string;

    const answers = await Promise.all(
      users.map((userId) =>
        client.call(G, 'add_group_member', {
          GroupId: groupId,
          MemberList: [{ Member_Account: userId }],
        }),
      ),
    );

    const tally = new Map<string, number>();
    for (const a of answers) {
      const key =
        a.ErrorCode === 0
          ? `Result ${(a.MemberList as { Result: number }[])[0].Result}`
          : `ErrorCode ${a.ErrorCode}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(tally)).toEqual({
      'Result 1': 200,
      [`ErrorCode ${ErrorCode.GroupFull}`]: 100,
    });
    const info = await client.ok(G, 'get_group_info', { GroupIdList: [groupId] });
    expect((info.GroupInfo as { MemberNum: number }[])[0].MemberNum).toBe(200);
    const members = await client.ok(G, 'get_group_member_info', { GroupId: groupId });
    expect(members.MemberNum).toBe(200);
    expect(
      new Set((members.MemberList as { Member_Account: string }[]).map((m) => m.Member_Account))
        .size,
    ).toBe(200);
  }, 300_000);
});
