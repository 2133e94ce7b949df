import { ConversationIds } from '@im/contracts';
import type { AppReply, ContactsChangedPushData, MsgElement } from '@im/contracts';
import type { RestAdminClient } from '@im/sdk';
import { waitFor } from '@im/testing';

import { MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
let nextRandom = 1;

/** Every response field of a command, with its type (`int`, `string`, `array`, `object`). */
function expectFields(value: Record<string, unknown>, fields: Record<string, string>): void {
  for (const [name, type] of Object.entries(fields)) {
    const v = value[name];
    const actual = Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'int' : typeof v;
    expect({ [name]: actual }).toEqual({ [name]: type });
  }
}

/**
 * recentcontact conversation groups and marks (create/update/del/get/search_contact_group,
 * mark_contact) over HTTP as an App backend sends them, against the whole platform started as
 * processes: every documented response field by name and type, the documented codes, the
 * user's SDK devices told (`contacts-changed`) and the SDK's own methods, get_list carrying
 * the marks, and tenant isolation.
 */
describe('recentcontact conversation groups and marks', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const contact = (command: string, body: unknown, a = admin) =>
    a.call('recentcontact', command, body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({ name: 'conversation-marks-e2e' });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  it('serves the six commands with every documented field, and tells the user’s devices', async () => {
    const [me, p1] = await users('me', 'p1');
    const device = await fixture.device(app, me);
    const told: ContactsChangedPushData[] = [];
    device.chat.on('contacts-changed', (e) => told.push(e));

    const created = await contact('create_contact_group', {
      From_Account: me,
      GroupContactItem: [{ GroupName: 'work', ContactItem: [{ Type: 1, To_Account: p1 }] }],
    });
    expect(created).toMatchObject(OK);
    expectFields(created, { GroupResultItem: 'array', ErrorDisplay: 'string' });
    const result = (created.GroupResultItem as Record<string, unknown>[])[0];
    expectFields(result, { GroupItem: 'object', ResultItem: 'array' });
    expectFields(result.GroupItem as Record<string, unknown>, {
      GroupName: 'string',
      GroupId: 'int',
    });
    const item = (result.ResultItem as Record<string, unknown>[])[0];
    expectFields(item, { ContactItem: 'object', ResultCode: 'int', ResultInfo: 'string' });
    expect(item.ContactItem).toEqual({ Type: 1, To_Account: p1 });
    await waitFor(() => told.length === 1);
    expect(told[0]).toEqual({
      marks: [expect.objectContaining({ convId: ConversationIds.c2c(me, p1), groupIds: [1] })],
      groups: [{ groupId: 1, name: 'work' }],
    });

    const updated = await contact('update_contact_group', {
      From_Account: me,
      UpdateType: 1,
      UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'work', NewGroupName: 'job' },
    });
    expect(updated).toMatchObject(OK);
    expectFields(updated, { UpdateType: 'int', UpdateGroupResult: 'object' });
    expectFields(updated.UpdateGroupResult as Record<string, unknown>, {
      UpdateGroupType: 'int',
      GroupName: 'string',
      GroupId: 'int',
      OldGroupName: 'string',
      ContactResultItem: 'array',
    });
    await waitFor(() => told.length === 2);
    expect(told[1].groups).toEqual([{ groupId: 1, name: 'job' }]);

    const marked = await contact('mark_contact', {
      From_Account: me,
      MarkItem: [
        { OptType: 3, ContactItem: { Type: 1, To_Account: p1 }, SetMark: [1], CustomMark: 'c' },
      ],
    });
    expect(marked).toMatchObject(OK);
    const markResult = (marked.ResultItem as Record<string, unknown>[])[0];
    expectFields(markResult, {
      OptType: 'int',
      ContactItem: 'object',
      StandardMark: 'string',
      CustomMark: 'string',
      ResultCode: 'int',
      ResultInfo: 'string',
    });
    expect(markResult).toMatchObject({ StandardMark: '10', CustomMark: 'c', ResultCode: 0 });
    await waitFor(() => told.length === 3);

    const got = await contact('get_contact_group', { From_Account: me, StartIndex: 0 });
    expect(got).toMatchObject(OK);
    expectFields(got, {
      ContactItem: 'array',
      GroupItem: 'array',
      CompleteFlag: 'int',
      NextStartIndex: 'int',
    });
    const entry = (got.ContactItem as Record<string, unknown>[])[0];
    expectFields(entry, {
      Type: 'int',
      To_Account: 'string',
      StandardMark: 'string',
      CustomMark: 'string',
      ContactGroupId: 'array',
      Timestamp: 'int',
    });
    expectFields((got.GroupItem as Record<string, unknown>[])[0], {
      GroupName: 'string',
      GroupId: 'int',
    });

    const searched = await contact('search_contact_group', {
      From_Account: me,
      ContactItem: [{ Type: 1, To_Account: p1 }],
    });
    expect(searched).toMatchObject(OK);
    expectFields(searched, { ContactResultItem: 'array', GroupItem: 'array' });
    expectFields((searched.ContactResultItem as Record<string, unknown>[])[0], {
      ContactItem: 'object',
      StandardMark: 'string',
      CustomMark: 'string',
      ContactGroupId: 'array',
      Timestamp: 'int',
      ResultCode: 'int',
      ResultInfo: 'string',
    });

    // the conversation list carries the marks: get_list and the SDK's list after the push
    await admin.ok('openim', 'sendmsg', {
      From_Account: p1,
      To_Account: me,
      MsgRandom: nextRandom++,
      MsgBody: text('hi'),
    });
    const list = await contact('get_list', { From_Account: me, TimeStamp: 0 });
    expect(list.SessionItem).toEqual([
      expect.objectContaining({
        To_Account: p1,
        StandardMark: '10',
        CustomMark: 'c',
        ContactGroupId: [1],
        ContactGroupName: ['job'],
      }),
    ]);
    const convId = ConversationIds.c2c(me, p1);
    await waitFor(() => device.chat.conversation(convId)?.customMark === 'c');
    expect(device.chat.conversation(convId)).toMatchObject({
      standardMark: '10',
      contactGroups: ['job'],
    });

    const deleted = await contact('del_contact_group', { From_Account: me, GroupName: ['job'] });
    expect(deleted).toMatchObject(OK);
    expectFields(deleted, { GroupName: 'array' });
    await waitFor(() => told.length === 4);
    expect(told[3].groups).toEqual([]);
  });

  it('lets the SDK mark and group, telling the user’s other device and not the asking one', async () => {
    const [me, p1] = await users('me', 'p1');
    const phone = await fixture.device(app, me, { platform: 'Android' });
    const web = await fixture.device(app, me, { platform: 'Web' });
    const onPhone: ContactsChangedPushData[] = [];
    const onWeb: ContactsChangedPushData[] = [];
    phone.chat.on('contacts-changed', (e) => onPhone.push(e));
    web.chat.on('contacts-changed', (e) => onWeb.push(e));
    const convId = ConversationIds.c2c(me, p1);

    const group = await phone.chat.createConversationGroup('fav', [convId]);
    expect(group.group).toEqual({ groupId: 1, name: 'fav' });
    const marked = await phone.chat.markConversations([{ convId, setBits: [0] }]);
    expect(marked.items[0]).toMatchObject({ convId, standardMark: '1', groupIds: [1], code: 0 });
    await waitFor(() => onWeb.length === 2);
    expect(onWeb[1].marks[0]).toMatchObject({ convId, standardMark: '1' });
    expect((await web.chat.getConversationGroups()).items).toEqual([
      expect.objectContaining({ convId, standardMark: '1', groupIds: [1] }),
    ]);
    expect((await web.chat.searchConversationGroups([convId])).items[0]).toMatchObject({
      groupIds: [1],
    });
    await web.chat.updateConversationGroup('fav', [{ op: 'remove', convId }]);
    await web.chat.renameConversationGroup('fav', 'best');
    await waitFor(() => onPhone.length === 2);
    expect(onPhone[1].groups).toEqual([{ groupId: 1, name: 'best' }]);
    await web.chat.deleteConversationGroups(['best']);
    await waitFor(() => onPhone.length === 3);
    // the asking device heard none of its own changes: the phone's third push came first
    expect(onWeb).toHaveLength(2);
    // a user acts only for itself: the admin's REST sees what the devices did
    const seen = await contact('get_contact_group', { From_Account: me, StartIndex: 0 });
    expect(seen).toMatchObject({ GroupItem: [] });
  });

  it('answers the documented codes', async () => {
    const [me] = await users('me');
    expect(await contact('get_contact_group', { From_Account: 'ghost' })).toMatchObject(
      failure(50001),
    );
    expect(
      await contact('create_contact_group', {
        From_Account: me,
        GroupContactItem: [{ GroupName: 'x'.repeat(33), ContactItem: [] }],
      }),
    ).toMatchObject(failure(51011));
    expect(
      await contact('search_contact_group', {
        From_Account: me,
        ContactItem: Array.from({ length: 101 }, (_, i) => ({ Type: 1, To_Account: `u${i}` })),
      }),
    ).toMatchObject(failure(51006));
    expect(
      await contact('del_contact_group', { From_Account: me, GroupName: ['none'] }),
    ).toMatchObject(failure(51009));
    for (let i = 0; i < 20; i++)
      await admin.ok('recentcontact', 'create_contact_group', {
        From_Account: me,
        GroupContactItem: [{ GroupName: `g${i}`, ContactItem: [] }],
      });
    expect(
      await contact('create_contact_group', {
        From_Account: me,
        GroupContactItem: [{ GroupName: 'g20', ContactItem: [] }],
      }),
    ).toMatchObject(failure(51010));
    expect(await contact('mark_contact', { From_Account: me, MarkItem: [] })).toMatchObject(
      failure(50002),
    );
  });

  it('keeps one app’s groups and marks from another app with the same user IDs', async () => {
    const [me, p1] = await users('me', 'p1');
    const other = await fixture.createApp({ name: 'conversation-marks-e2e-b' });
    const otherAdmin = fixture.admin(other);
    await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: [me, p1] });
    await admin.ok('recentcontact', 'mark_contact', {
      From_Account: me,
      MarkItem: [{ OptType: 2, ContactItem: { Type: 1, To_Account: p1 }, CustomMark: 'a' }],
    });
    expect(await contact('get_contact_group', { From_Account: me }, otherAdmin)).toMatchObject({
      ...OK,
      ContactItem: [],
      GroupItem: [],
    });
    await otherAdmin.ok('recentcontact', 'mark_contact', {
      From_Account: me,
      MarkItem: [{ OptType: 2, ContactItem: { Type: 1, To_Account: p1 }, CustomMark: 'b' }],
    });
    const mine = await contact('search_contact_group', {
      From_Account: me,
      ContactItem: [{ Type: 1, To_Account: p1 }],
    });
    expect((mine.ContactResultItem as { CustomMark: string }[])[0].CustomMark).toBe('a');
  });
});
