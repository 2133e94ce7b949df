import { createHmac, randomBytes } from 'node:crypto';

import { ErrorCode } from '@im/contracts';
import type { AppReply } from '@im/contracts';
import { MediaUploader, RestAdminClient } from '@im/sdk';
import type { RestEnvelope } from '@im/sdk';
import { signUserSig } from '@im/usersig';

import { MessagingFixture } from './messaging.fixture';
import { shapeProblems } from './reply-shape';

const COS = 'im_cos_msg';
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

/** Tencent's documented `get_cos_sig` answer, every field by name and type. */
const GET_COS_SIG_SHAPE = {
  ActionStatus: 'string',
  ErrorCode: 'int',
  ErrorInfo: 'string',
  PreSigURLs: [
    { ResourceID: 'int', Code: 'int', Desc: 'string', PreSigURL: 'string', Status: 'int' },
  ],
};

interface PreSig {
  ResourceID: number;
  Code: number;
  Desc: string;
  PreSigURL: string;
  Status: number;
}

async function download(url: string): Promise<{ status: number; body: Buffer; code?: number }> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  const code = res.headers.get('content-type')?.includes('json')
    ? (JSON.parse(body.toString('utf8')) as { ErrorCode: number }).ErrorCode
    : undefined;
  return { status: res.status, body, code };
}

/** A download URL signed with the app's key (docs/protocol.md §14.2) naming no stored upload. */
function linkToNothing(mediaUrl: string, app: AppReply): string {
  const payload = Buffer.from(
    JSON.stringify([app.sdkAppId, randomBytes(16).toString('hex'), 1, 2_000_000_000]),
  ).toString('base64url');
  const key = createHmac('sha256', app.secretKey).update('im-media-link/v1').digest();
  const sig = createHmac('sha256', key).update(payload).digest('base64url');
  return `${mediaUrl}/media/v1/download/${payload}.${sig}`;
}

/**
 * `im_cos_msg` (get_cos_sig, forbid_illegal_object, allow_banned_object) over HTTP as an app
 * backend sends them, on the platform's media store: a forbidden file's links answer 95009 until
 * it is allowed again, get_cos_sig reports its status and a 15-minute link that still reads it,
 * and one app cannot touch another's files.
 */
describe('chat files (im_cos_msg) over REST', () => {
  let fx: MessagingFixture;
  let app: AppReply;
  let otherApp: AppReply;
  let admin: RestAdminClient;
  let otherAdmin: RestAdminClient;

  const call = (command: string, body: unknown, client = admin): Promise<RestEnvelope> =>
    client.call(COS, command, body);

  async function uploadFile(a: AppReply, text: string): Promise<{ url: string; bytes: Buffer }> {
    const bytes = Buffer.from(text.repeat(200));
    const uploader = new MediaUploader({
      url: fx.platform.mediaUrl,
      sdkAppId: a.sdkAppId,
      userId: 'cos-ann',
      userSig: signUserSig({
        sdkAppId: a.sdkAppId,
        secretKey: a.secretKey,
        identifier: 'cos-ann',
        expireSeconds: 3600,
      }),
    });
    const result = await uploader.upload('file', bytes, {
      contentType: 'text/plain',
      fileName: 'report.txt',
    });
    return { url: (result.Element.MsgContent as { Url: string }).Url, bytes };
  }

  beforeAll(async () => {
    fx = await MessagingFixture.start({ gateways: 1 });
    [app, otherApp] = await Promise.all([fx.createApp(), fx.createApp()]);
    admin = fx.admin(app);
    otherAdmin = fx.admin(otherApp);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['cos-ann'] });
    await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['cos-ann'] });
  });

  afterAll(async () => {
    await fx?.stop();
  });

  it('get_cos_sig answers every documented field: a working 15-minute link, Status 0, per-URL codes', async () => {
    const file = await uploadFile(app, 'hello ');
    const missing = linkToNothing(fx.platform.mediaUrl, app);

    const reply = await call('get_cos_sig', {
      RawURLs: [
        { ResourceID: 1, RawURL: file.url },
        { ResourceID: 2, RawURL: missing },
        { ResourceID: 3, RawURL: 'https://cos.example.com/not/ours.png' },
      ],
    });

    expect(shapeProblems(reply, GET_COS_SIG_SHAPE)).toEqual([]);
    expect(reply).toMatchObject(OK);
    const [found, gone, foreign] = reply.PreSigURLs as PreSig[];
    expect(found).toMatchObject({ ResourceID: 1, Code: 0, Status: 0 });
    expect(found.PreSigURL).not.toBe(file.url);
    const fresh = await download(found.PreSigURL);
    expect(fresh.status).toBe(200);
    expect(fresh.body.equals(file.bytes)).toBe(true);
    const token = found.PreSigURL.split('/').at(-1) ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as number[];
    const lifetime = claims[3] - Math.floor(Date.now() / 1000);
    expect(lifetime).toBeGreaterThan(14 * 60);
    expect(lifetime).toBeLessThanOrEqual(15 * 60);
    expect(gone).toEqual({
      ResourceID: 2,
      Code: 0,
      Desc: 'no such media',
      PreSigURL: '',
      Status: 2,
    });
    expect(foreign).toMatchObject({
      ResourceID: 3,
      Code: ErrorCode.MediaLinkInvalid,
      PreSigURL: '',
      Status: 2,
    });
  });

  it('forbid_illegal_object refuses the downloads with 95009; get_cos_sig still reads it; allow_banned_object lets them through again', async () => {
    const file = await uploadFile(app, 'forbidden ');
    expect((await download(file.url)).status).toBe(200);

    const forbidden = await call('forbid_illegal_object', { RawURL: file.url });
    const again = await call('forbid_illegal_object', { RawURL: file.url });

    expect(forbidden).toEqual(OK);
    expect(
      shapeProblems(forbidden, { ActionStatus: 'string', ErrorCode: 'int', ErrorInfo: 'string' }),
    ).toEqual([]);
    expect(again).toEqual(OK);
    const refused = await download(file.url);
    expect(refused).toMatchObject({ status: 404, code: ErrorCode.MediaNotFound });
    const sig = await call('get_cos_sig', { RawURLs: [{ ResourceID: 7, RawURL: file.url }] });
    const [status] = sig.PreSigURLs as PreSig[];
    expect(status).toMatchObject({ ResourceID: 7, Code: 0, Status: 1 });
    const privileged = await download(status.PreSigURL);
    expect(privileged.status).toBe(200);
    expect(privileged.body.equals(file.bytes)).toBe(true);

    const allowed = await call('allow_banned_object', { RawURL: file.url });
    const allowedAgain = await call('allow_banned_object', { RawURL: file.url });

    expect(allowed).toEqual(OK);
    expect(
      shapeProblems(allowed, { ActionStatus: 'string', ErrorCode: 'int', ErrorInfo: 'string' }),
    ).toEqual([]);
    expect(allowedAgain).toEqual(OK);
    const back = await download(file.url);
    expect(back.status).toBe(200);
    expect(back.body.equals(file.bytes)).toBe(true);
    const after = await call('get_cos_sig', { RawURLs: [{ ResourceID: 8, RawURL: file.url }] });
    expect((after.PreSigURLs as PreSig[])[0]).toMatchObject({ Code: 0, Status: 0 });
  });

  it('answers the error codes: bad JSON and fields 95001, not our link 95007, no such file 95009', async () => {
    const missing = linkToNothing(fx.platform.mediaUrl, app);
    const cases: [string, unknown, number][] = [
      ['forbid_illegal_object', {}, ErrorCode.MediaRequestInvalid],
      ['forbid_illegal_object', { RawURL: 42 }, ErrorCode.MediaRequestInvalid],
      ['allow_banned_object', { RawURL: '' }, ErrorCode.MediaRequestInvalid],
      [
        'allow_banned_object',
        { RawURL: `https://x/${'a'.repeat(2100)}` },
        ErrorCode.MediaRequestInvalid,
      ],
      ['get_cos_sig', { RawURLs: [] }, ErrorCode.MediaRequestInvalid],
      ['get_cos_sig', { RawURLs: [{ RawURL: missing }] }, ErrorCode.MediaRequestInvalid],
      [
        'get_cos_sig',
        { RawURLs: [{ ResourceID: 'x', RawURL: missing }] },
        ErrorCode.MediaRequestInvalid,
      ],
      [
        'get_cos_sig',
        { RawURLs: Array.from({ length: 101 }, (_, i) => ({ ResourceID: i, RawURL: missing })) },
        ErrorCode.MediaRequestInvalid,
      ],
      ['forbid_illegal_object', { RawURL: 'not a url' }, ErrorCode.MediaLinkInvalid],
      [
        'forbid_illegal_object',
        { RawURL: 'https://cos.example.com/a.png' },
        ErrorCode.MediaLinkInvalid,
      ],
      ['forbid_illegal_object', { RawURL: missing }, ErrorCode.MediaNotFound],
      ['allow_banned_object', { RawURL: missing }, ErrorCode.MediaNotFound],
    ];
    for (const [command, body, code] of cases) {
      const reply = await call(command, body);
      expect({ command, body, ...reply }).toMatchObject({
        command,
        ActionStatus: 'FAIL',
        ErrorCode: code,
      });
    }
    const badJson = await admin.call(COS, 'forbid_illegal_object', undefined, {
      rawBody: '{"RawURL":',
    });
    expect(badJson).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: ErrorCode.MediaRequestInvalid,
    });
  });

  it('keeps apps apart: another app can neither forbid, allow nor read an app’s file', async () => {
    const theirs = await uploadFile(otherApp, 'theirs ');
    const mine = await uploadFile(app, 'mine ');

    expect(await call('forbid_illegal_object', { RawURL: theirs.url })).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: ErrorCode.MediaLinkInvalid,
    });
    expect((await download(theirs.url)).status).toBe(200);
    const sig = await call('get_cos_sig', { RawURLs: [{ ResourceID: 1, RawURL: theirs.url }] });
    expect((sig.PreSigURLs as PreSig[])[0]).toMatchObject({
      Code: ErrorCode.MediaLinkInvalid,
      PreSigURL: '',
    });

    // the owner forbids its own; the other app cannot lift the mark
    expect(await call('forbid_illegal_object', { RawURL: theirs.url }, otherAdmin)).toEqual(OK);
    expect(await call('allow_banned_object', { RawURL: theirs.url })).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: ErrorCode.MediaLinkInvalid,
    });
    expect((await download(theirs.url)).code).toBe(ErrorCode.MediaNotFound);
    // and this app's own file is untouched by the other's commands
    expect(await call('forbid_illegal_object', { RawURL: mine.url }, otherAdmin)).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: ErrorCode.MediaLinkInvalid,
    });
    expect((await download(mine.url)).status).toBe(200);
  });
});
