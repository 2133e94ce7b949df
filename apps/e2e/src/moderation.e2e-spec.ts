import type { AppReply, MsgElement } from '@im/contracts';
import type { RestAdminClient } from '@im/sdk';

import { MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });

/** Every named field of a reply, with its type (`int`, `string`, `array`). */
function expectFields(value: Record<string, unknown>, fields: Record<string, string>): void {
  for (const [name, type] of Object.entries(fields)) {
    const v = value[name];
    const actual = Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'int' : typeof v;
    expect({ [name]: actual }).toEqual({ [name]: type });
  }
}

/**
 * Moderation over HTTP as an App backend sends it, against the whole platform as processes:
 * the local and cloud keyword lists of im_msg_audit_mgr, content_moderation and
 * batch_content_moderation over them, every documented response field by name and type, the
 * documented codes, the local list filtering a message, and tenant isolation.
 */
describe('im_msg_audit_mgr and im_msg_audit', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;

  const mgr = (command: string, body: unknown, a = admin) =>
    a.call('im_msg_audit_mgr', command, body);
  const audit = (command: string, body: unknown, a = admin) =>
    a.call('im_msg_audit', command, body);

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({ name: 'moderation-e2e' });
    admin = fixture.admin(app);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['alice', 'bob'] });
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  it('manages both keyword lists and moderates text against them', async () => {
    const SdkAppId = app.sdkAppId;
    const libs = await mgr('get_cloud_audit_keywords_ids', { SdkAppId, Offset: 0, Limit: 10 });
    expect(libs).toMatchObject(OK);
    expectFields(libs, { RequestId: 'string', TotalCount: 'int', Infos: 'array' });
    const lib = (libs.Infos as Record<string, unknown>[])[0];
    expectFields(lib, {
      ID: 'string',
      LibName: 'string',
      Describe: 'string',
      CreateTime: 'string',
      Suggestion: 'string',
    });
    const LibID = lib.ID as string;

    const added = await mgr('add_cloud_audit_keywords', {
      SdkAppId,
      LibID,
      UserKeywords: [{ Content: 'lottery', Label: 'Ad' }],
    });
    expect(added).toMatchObject(OK);
    expectFields(added, { RequestId: 'string' });
    const words = await mgr('get_cloud_audit_keywords', { SdkAppId, Offset: 0, Limit: 10, LibID });
    expectFields(words, { RequestId: 'string', TotalCount: 'int', Infos: 'array' });
    const word = (words.Infos as Record<string, unknown>[])[0];
    expectFields(word, { ID: 'string', Content: 'string', Label: 'string', CreateTime: 'string' });

    expect(
      await mgr('add_local_audit_keywords', { SdkAppId, UserKeywords: [{ Content: 'heck' }] }),
    ).toMatchObject(OK);
    const local = await mgr('get_local_audit_keywords', { SdkAppId, Offset: 0, Limit: 10 });
    expectFields(local, { RequestId: 'string', TotalCount: 'int', Infos: 'array' });
    expectFields((local.Infos as Record<string, unknown>[])[0], {
      ID: 'string',
      Content: 'string',
      CreateTime: 'string',
    });
    // the local list filters messages (the platform's sensitive words)
    expect(
      await admin.call('openim', 'sendmsg', {
        From_Account: 'alice',
        To_Account: 'bob',
        MsgRandom: 1,
        MsgBody: text('what the heck'),
      }),
    ).toMatchObject(failure(80001));

    const one = await audit('content_moderation', {
      AuditName: 'C2C',
      ContentType: 'Text',
      Content: 'win the LOTTERY',
      ExtSender: 'alice',
      ExtReceiver: 'bob',
    });
    expect(one).toMatchObject({ ...OK, Label: 'Ad', Suggestion: 'Block', Keywords: ['lottery'] });
    expectFields(one, {
      RequestId: 'string',
      Label: 'string',
      Suggestion: 'string',
      Keywords: 'array',
      Score: 'int',
    });
    const batch = await audit('batch_content_moderation', {
      AuditName: 'Group',
      Contents: [
        { ContentId: 1, ContentType: 'Text', Content: 'fine' },
        { ContentId: 2, ContentType: 'Text', Content: 'heck' },
      ],
    });
    expectFields(batch, { RequestId: 'string', Results: 'array' });
    const results = batch.Results as Record<string, unknown>[];
    for (const r of results)
      expectFields(r, {
        ContentId: 'int',
        Label: 'string',
        Suggestion: 'string',
        Keywords: 'array',
        Score: 'int',
      });
    expect(results.map((r) => r.Suggestion)).toEqual(['Pass', 'Block']);

    expect(
      await mgr('delete_cloud_audit_keywords', { SdkAppId, LibID, KeywordIDs: [word.ID] }),
    ).toMatchObject(OK);
    expect(
      await mgr('delete_local_audit_keywords', { SdkAppId, Keywords: ['heck'] }),
    ).toMatchObject(OK);
    expect(
      await audit('content_moderation', {
        AuditName: 'C2C',
        ContentType: 'Text',
        Content: 'heck lottery',
      }),
    ).toMatchObject({ Suggestion: 'Pass' });
  });

  it('answers the documented codes', async () => {
    const SdkAppId = app.sdkAppId;
    expect(
      await audit('content_moderation', {
        AuditName: 'C2C',
        ContentType: 'Video',
        Content: 'https://x/1.mp4',
      }),
    ).toMatchObject(failure(2002));
    expect(
      await audit('content_moderation', { AuditName: 'C2C', ContentType: 'Text', Content: 7 }),
    ).toMatchObject(failure(2003));
    const LibID = (
      (await mgr('get_cloud_audit_keywords_ids', { SdkAppId, Offset: 0, Limit: 1 })).Infos as {
        ID: string;
      }[]
    )[0].ID;
    expect(
      await mgr('add_cloud_audit_keywords', {
        SdkAppId,
        LibID,
        UserKeywords: Array.from({ length: 101 }, (_, i) => ({ Content: `k${i}` })),
      }),
    ).toMatchObject(failure(2016));
  });

  it('keeps one app’s keyword lists from another app', async () => {
    const other = await fixture.createApp({ name: 'moderation-e2e-b' });
    const otherAdmin = fixture.admin(other);
    const LibID = (
      (await mgr('get_cloud_audit_keywords_ids', { SdkAppId: app.sdkAppId, Offset: 0, Limit: 1 }))
        .Infos as { ID: string }[]
    )[0].ID;
    await mgr('add_cloud_audit_keywords', {
      SdkAppId: app.sdkAppId,
      LibID,
      UserKeywords: [{ Content: 'private' }],
    });
    expect(
      await mgr(
        'get_cloud_audit_keywords',
        { SdkAppId: app.sdkAppId, Offset: 0, Limit: 10, LibID },
        otherAdmin,
      ),
    ).toMatchObject(failure(2003));
    expect(
      await mgr(
        'delete_cloud_audit_keywords',
        { SdkAppId: other.sdkAppId, LibID, KeywordIDs: ['1'] },
        otherAdmin,
      ),
    ).toMatchObject(failure(2003));
    expect(
      await audit(
        'content_moderation',
        { AuditName: 'C2C', ContentType: 'Text', Content: 'private' },
        otherAdmin,
      ),
    ).toMatchObject({ Suggestion: 'Pass' });
  });
});
