import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

import { ConversationIds } from '@im/contracts';
import type { AppReply, ChatMessage, MsgElement } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const now = () => Math.floor(Date.now() / 1000);
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
/** `YYYYMMDDHH` (UTC) of an hour start. */
const msgTime = (hour: number) =>
  new Date(hour * 1000).toISOString().slice(0, 13).replace(/[-T]/g, '');
let nextRandom = 1;
const rnd = () => nextRandom++;

/** Archive files are cut at 2 KB here, so a handful of messages spans several files. */
const ARCHIVE_FILE_BYTES = 2048;

/**
 * issue 12 point 5, the stored-message commands over HTTP as an app backend written for
 * Tencent's API sends them: openim/modify_group_msg, openim/delete_c2c_msg_ramble and
 * open_msg_svc/get_history (with its download links), against the whole platform started as
 * processes, with SDK clients online over WebSocket. Each ends with tenant isolation.
 */
describe('stored-message commands over REST', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let other: AppReply;
  let admin: RestAdminClient;
  let otherAdmin: RestAdminClient;
  let n = 0;

  const openim = (command: string, body: unknown, a = admin) => a.call('openim', command, body);
  const group = (command: string, body: unknown, a = admin) =>
    a.call('group_open_http_svc', command, body);
  const history = (body: unknown, a = admin) => a.call('open_msg_svc', 'get_history', body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  async function createGroup(type: string, owner: string, members: string[]): Promise<string> {
    const reply = await group('create_group', {
      Type: type,
      Name: `${type} ${n}`,
      Owner_Account: owner,
      MemberList: members.map((m) => ({ Member_Account: m })),
    });
    expect(reply).toMatchObject(OK);
    return reply.GroupId as string;
  }

  const sendmsg = (from: string, to: string, body = text('hi')) =>
    openim('sendmsg', { From_Account: from, To_Account: to, MsgRandom: rnd(), MsgBody: body });

  const sendGroup = (groupId: string, from: string, body = text('x')) =>
    group('send_group_msg', { GroupId: groupId, From_Account: from, Random: rnd(), MsgBody: body });

  const roam = (operator: string, peer: string) =>
    openim('admin_getroammsg', {
      Operator_Account: operator,
      Peer_Account: peer,
      MaxCnt: 100,
      MinTime: 0,
      MaxTime: now(),
    });

  const keysOf = (reply: RestEnvelope) =>
    (reply.MsgList as { MsgKey: string }[]).map((m) => m.MsgKey);

  beforeAll(async () => {
    fixture = await MessagingFixture.start({
      gateways: 1,
      extraEnv: { message: { MESSAGE_ARCHIVE_FILE_BYTES: String(ARCHIVE_FILE_BYTES) } },
    });
    app = await fixture.createApp({
      name: 'message-commands-e2e',
      settings: { avChatRoomEnabled: true },
    });
    other = await fixture.createApp({ name: 'message-commands-e2e-other' });
    admin = fixture.admin(app);
    otherAdmin = fixture.admin(other);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('openim/modify_group_msg', () => {
    it('modifies a stored group message: roaming shows it, members online get it', async () => {
      const [owner, member] = await users('owner', 'member');
      const groupId = await createGroup('Public', owner, [member]);
      const convId = ConversationIds.group(groupId);
      const device = await fixture.device(app, member);
      const modified: ChatMessage[] = [];
      device.chat.on('message-modified', (m) => modified.push(m));
      const sent = await sendGroup(groupId, owner, text('before'));
      await waitFor(() => device.received.length === 1);

      const reply = await openim('modify_group_msg', {
        GroupId: groupId,
        MsgSeq: sent.MsgSeq,
        MsgBody: text('after'),
        CloudCustomData: 'cc-1',
      });
      expect(reply).toEqual(OK);
      expect(typeof reply.ActionStatus).toBe('string');
      expect(typeof reply.ErrorCode).toBe('number');
      expect(typeof reply.ErrorInfo).toBe('string');

      await waitFor(() => modified.length === 1);
      expect(modified[0]).toMatchObject({
        convId,
        seq: sent.MsgSeq,
        body: text('after'),
        cloudCustomData: 'cc-1',
      });
      expect(typeof modified[0].editedAt).toBe('number');
      const simple = await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 1 });
      expect(simple.RspMsgList).toEqual([
        expect.objectContaining({
          MsgSeq: sent.MsgSeq,
          MsgBody: text('after'),
          CloudCustomData: 'cc-1',
        }),
      ]);
      const page = await device.chat.getHistory(convId);
      expect(page.messages.map((m) => m.body)).toEqual([text('after')]);

      // CloudCustomData alone leaves the body as it is.
      expect(
        await openim('modify_group_msg', {
          GroupId: groupId,
          MsgSeq: sent.MsgSeq,
          CloudCustomData: 'cc-2',
        }),
      ).toEqual(OK);
      await waitFor(() => modified.length === 2);
      expect(modified[1]).toMatchObject({ body: text('after'), cloudCustomData: 'cc-2' });
    });

    it('refuses with the documented codes what it cannot modify', async () => {
      const [owner, member] = await users('owner', 'member');
      const groupId = await createGroup('Public', owner, [member]);
      const sent = await sendGroup(groupId, owner);
      const modify = (fields: Record<string, unknown>) =>
        openim('modify_group_msg', { GroupId: groupId, MsgSeq: sent.MsgSeq, ...fields });
      const body = { MsgBody: text('y') };

      expect(await modify({})).toMatchObject(failure(20001));
      expect(await modify({ ...body, MsgSeq: 999 })).toMatchObject(failure(20001));
      expect(await modify({ ...body, MsgSeq: 'one' })).toMatchObject(failure(20001));
      expect(await modify({ ...body, GroupId: 'no-such-group' })).toMatchObject(failure(10010));
      expect(await modify({ ...body, TopicId: 'topic-1' })).toMatchObject(failure(20001));
      expect(await modify({ MsgBody: 'text' })).toMatchObject(failure(90007));
      expect(
        await modify({ MsgBody: [{ MsgType: 'TIMNoSuchElem', MsgContent: {} }] }),
      ).toMatchObject(failure(90010));
      expect(await modify({ MsgBody: text('z'.repeat(12 * 1024)) })).toMatchObject(failure(93000));

      const live = await createGroup('AVChatRoom', owner, []);
      const liveSent = await sendGroup(live, owner);
      expect(
        await openim('modify_group_msg', { GroupId: live, MsgSeq: liveSent.MsgSeq, ...body }),
      ).toMatchObject(failure(20001));

      await group('group_msg_recall', { GroupId: groupId, MsgSeqList: [{ MsgSeq: sent.MsgSeq }] });
      expect(await modify(body)).toMatchObject(failure(20001));
    });

    it('cannot touch another app’s group message', async () => {
      const [owner] = await users('owner');
      const groupId = await createGroup('Public', owner, []);
      const sent = await sendGroup(groupId, owner, text('mine'));
      expect(
        await openim(
          'modify_group_msg',
          { GroupId: groupId, MsgSeq: sent.MsgSeq, MsgBody: text('theirs') },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      const simple = await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 1 });
      expect((simple.RspMsgList as { MsgBody: MsgElement[] }[])[0].MsgBody).toEqual(text('mine'));
    });
  });

  describe('openim/delete_c2c_msg_ramble', () => {
    it('deletes from the operator’s roaming only and tells the operator’s devices', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const convId = ConversationIds.c2c(alice, bob);
      const device = await fixture.device(app, alice);
      const deleted: { convId: string; seqs: number[] }[] = [];
      device.chat.on('messages-deleted', (e) => deleted.push(e));
      const keys: string[] = [];
      for (const t of ['one', 'two', 'three'])
        keys.push((await sendmsg(bob, alice, text(t))).MsgKey as string);
      await waitFor(() => device.received.length === 3);

      const reply = await openim('delete_c2c_msg_ramble', {
        Operator_Account: alice,
        Peer_Account: bob,
        MsgKeyList: [keys[0], keys[2], 'junk', '1_2_3'],
      });
      expect(reply).toEqual({ ...OK, InvalidMsgKeyList: ['junk', '1_2_3'] });
      expect(Array.isArray(reply.InvalidMsgKeyList)).toBe(true);

      await waitFor(() => deleted.length === 1);
      expect(deleted[0]).toEqual({ convId, seqs: [1, 3] });
      expect(keysOf(await roam(alice, bob))).toEqual([keys[1]]);
      expect(keysOf(await roam(bob, alice))).toEqual(keys);
      const page = await device.chat.getHistory(convId);
      expect(page.messages.map((m) => m.seq)).toEqual([2]);

      // Gone already: a second deletion names nothing it can delete.
      expect(
        await openim('delete_c2c_msg_ramble', {
          Operator_Account: alice,
          Peer_Account: bob,
          MsgKeyList: [keys[0]],
        }),
      ).toEqual({ ...OK, InvalidMsgKeyList: [keys[0]] });
    });

    it('refuses with the documented codes: limits, fields, accounts', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const key = (await sendmsg(alice, bob)).MsgKey as string;
      const del = (fields: Record<string, unknown>) =>
        openim('delete_c2c_msg_ramble', {
          Operator_Account: alice,
          Peer_Account: bob,
          MsgKeyList: [key],
          ...fields,
        });
      expect(await del({ MsgKeyList: Array.from({ length: 31 }, () => key) })).toMatchObject(
        failure(20001),
      );
      expect(await del({ MsgKeyList: [] })).toMatchObject(failure(20001));
      expect(await del({ MsgKeyList: key })).toMatchObject(failure(20001));
      expect(await del({ Operator_Account: 'nobody-here' })).toMatchObject(failure(90008));
      expect(await del({ Peer_Account: 'nobody-here' })).toMatchObject(failure(90003));
      expect(await del({ Operator_Account: 7 })).toMatchObject(failure(90008));
      expect(keysOf(await roam(alice, bob))).toEqual([key]);
      // 30 is the limit, not a refusal.
      expect(await del({ MsgKeyList: Array.from({ length: 30 }, () => key) })).toEqual({
        ...OK,
        InvalidMsgKeyList: [],
      });
      expect(keysOf(await roam(alice, bob))).toEqual([]);
    });

    it('cannot touch another app’s messages', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const key = (await sendmsg(alice, bob)).MsgKey as string;
      await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: [alice, bob] });
      expect(
        await openim(
          'delete_c2c_msg_ramble',
          { Operator_Account: alice, Peer_Account: bob, MsgKeyList: [key] },
          otherAdmin,
        ),
      ).toEqual({ ...OK, InvalidMsgKeyList: [key] });
      expect(keysOf(await roam(alice, bob))).toEqual([key]);
    });
  });

  describe('open_msg_svc/get_history', () => {
    const lastHour = () => Math.floor(now() / 3600) * 3600 - 3600;

    interface FileEntry {
      URL: string;
      ExpireTime: string;
      FileSize: number;
      FileMD5: string;
      GzipSize: number;
      GzipMD5: string;
    }

    /** Downloads every file, checks it against its entry, and returns the archived lines. */
    async function download(files: FileEntry[]): Promise<Record<string, unknown>[]> {
      const lines: Record<string, unknown>[] = [];
      for (const f of files) {
        expect(Object.keys(f).sort()).toEqual(
          ['ExpireTime', 'FileMD5', 'FileSize', 'GzipMD5', 'GzipSize', 'URL'].sort(),
        );
        expect(typeof f.URL).toBe('string');
        expect(f.ExpireTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(Date.parse(`${f.ExpireTime.replace(' ', 'T')}Z`)).toBeGreaterThan(Date.now());
        const res = await fetch(f.URL);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/gzip');
        const gz = Buffer.from(await res.arrayBuffer());
        expect({ size: gz.length, md5: md5(gz) }).toEqual({ size: f.GzipSize, md5: f.GzipMD5 });
        const raw = gunzipSync(gz);
        expect({ size: raw.length, md5: md5(raw) }).toEqual({ size: f.FileSize, md5: f.FileMD5 });
        expect(raw.length).toBeLessThanOrEqual(ARCHIVE_FILE_BYTES);
        for (const line of raw.toString('utf8').split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      return lines;
    }

    it('archives an ended hour’s C2C messages in bounded gzip files that download as described', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const hour = lastHour();
      const sent: string[] = [];
      for (let i = 0; i < 12; i++) {
        const t = `m${i} ${'x'.repeat(300)}`;
        sent.push(t);
        const reply = await openim('importmsg', {
          SyncFromOldSystem: 2,
          From_Account: i % 2 ? alice : bob,
          To_Account: i % 2 ? bob : alice,
          MsgRandom: rnd(),
          MsgTimeStamp: hour + 60 + i,
          MsgBody: text(t),
        });
        expect(reply).toMatchObject(OK);
      }

      const reply = await history({ ChatType: 'C2C', MsgTime: msgTime(hour) });
      expect(reply).toMatchObject(OK);
      const files = reply.File as FileEntry[];
      expect(files.length).toBeGreaterThan(1);
      // Only this test's users: near an hour's start, earlier tests' messages may share it.
      const ours = (l: Record<string, unknown>) => [alice, bob].includes(String(l.From_Account));
      const lines = (await download(files)).filter(ours);
      expect(lines).toHaveLength(12);
      expect(lines.map((l) => (l.MsgBody as MsgElement[])[0].MsgContent.Text)).toEqual(sent);
      expect(lines[1]).toMatchObject({
        ChatType: 'C2C',
        From_Account: alice,
        To_Account: bob,
        MsgTimestamp: hour + 61,
      });
      expect(typeof lines[1].MsgKey).toBe('string');

      // The same hour again: the same files. A message imported into it since: rebuilt, and
      // links to the old build are gone.
      const again = await history({ ChatType: 'C2C', MsgTime: msgTime(hour) });
      expect((again.File as FileEntry[]).map((f) => f.GzipMD5)).toEqual(
        files.map((f) => f.GzipMD5),
      );
      await openim('importmsg', {
        SyncFromOldSystem: 2,
        From_Account: alice,
        To_Account: bob,
        MsgRandom: rnd(),
        MsgTimeStamp: hour + 3599,
        MsgBody: text('late import'),
      });
      const rebuilt = await history({ ChatType: 'C2C', MsgTime: msgTime(hour) });
      const relines = (await download(rebuilt.File as FileEntry[])).filter(ours);
      expect(relines).toHaveLength(13);
      expect(relines[12]).toMatchObject({ MsgBody: text('late import') });
      expect((await fetch(files[0].URL)).status).toBe(404);
    });

    it('archives an ended hour’s group messages', async () => {
      const [owner] = await users('owner');
      const hour = lastHour();
      const groupId = `archived-${n}`;
      expect(
        await group('import_group', {
          Type: 'Public',
          Name: 'archived',
          GroupId: groupId,
          Owner_Account: owner,
          CreateTime: hour - 3600,
        }),
      ).toMatchObject(OK);
      expect(
        await group('import_group_msg', {
          GroupId: groupId,
          MsgList: [
            { From_Account: owner, SendTime: hour + 5, Random: rnd(), MsgBody: text('g1') },
            { From_Account: owner, SendTime: hour + 6, Random: rnd(), MsgBody: text('g2') },
          ],
        }),
      ).toMatchObject(OK);
      const reply = await history({ ChatType: 'Group', MsgTime: msgTime(hour) });
      const lines = (await download(reply.File as FileEntry[])).filter(
        (l) => l.GroupId === groupId,
      );
      expect(lines).toEqual([
        expect.objectContaining({
          ChatType: 'Group',
          From_Account: owner,
          MsgSeq: 1,
          MsgBody: text('g1'),
        }),
        expect.objectContaining({ ChatType: 'Group', MsgSeq: 2, MsgBody: text('g2') }),
      ]);
    });

    it('answers an hour without messages with no files', async () => {
      const hour = lastHour() - 3 * 86_400;
      expect(await history({ ChatType: 'Group', MsgTime: msgTime(hour) })).toEqual({
        ...OK,
        File: [],
      });
    });

    it('refuses the current hour, hours past the 7 days, and malformed requests with 20001', async () => {
      const current = Math.floor(now() / 3600) * 3600;
      for (const body of [
        { ChatType: 'C2C', MsgTime: msgTime(current) },
        { ChatType: 'C2C', MsgTime: msgTime(current + 7200) },
        { ChatType: 'C2C', MsgTime: msgTime(current - 8 * 86_400) },
        { ChatType: 'C2C', MsgTime: '2026-12-07' },
        { ChatType: 'C2C', MsgTime: '2026023012' },
        { ChatType: 'C2C', MsgTime: 2026120700 },
        { ChatType: 'Room', MsgTime: msgTime(current - 3600) },
        { MsgTime: msgTime(current - 3600) },
      ])
        expect(await history(body)).toMatchObject(failure(20001));
      expect(await admin.call('open_msg_svc', 'get_history', undefined)).toMatchObject(
        failure(20001),
      );
    });

    it('keeps each app’s archives to itself; an altered link is refused', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const hour = lastHour();
      await openim('importmsg', {
        SyncFromOldSystem: 2,
        From_Account: alice,
        To_Account: bob,
        MsgRandom: rnd(),
        MsgTimeStamp: hour + 1,
        MsgBody: text('private'),
      });
      const mine = (await history({ ChatType: 'C2C', MsgTime: msgTime(hour) })).File as FileEntry[];
      expect(mine.length).toBeGreaterThan(0);
      const theirs = await history({ ChatType: 'C2C', MsgTime: msgTime(hour) }, otherAdmin);
      expect(theirs).toEqual({ ...OK, File: [] });

      // The token names app, file and expiry; changing any of them breaks its signature.
      const url = new URL(mine[0].URL);
      const [payload, sig] = url.searchParams.get('token')!.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as number[];
      for (const altered of [
        [other.sdkAppId, ...claims.slice(1)],
        [...claims.slice(0, 5), claims[5] + 3600],
      ]) {
        url.searchParams.set(
          'token',
          `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${sig}`,
        );
        expect((await fetch(url)).status).toBe(403);
      }
      url.searchParams.set('token', 'junk');
      expect((await fetch(url)).status).toBe(403);
      url.searchParams.delete('token');
      expect((await fetch(url)).status).toBe(403);
    });
  });
});
