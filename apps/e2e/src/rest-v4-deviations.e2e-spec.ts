import type { AppReply } from '@im/contracts';
import type { RestAdminClient } from '@im/sdk';

import { MessagingFixture } from './messaging.fixture';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });

/**
 * The last deviations from Tencent Cloud IM REST v4 found by walking every command against its
 * Tencent page (issue 12), each over HTTP against the whole platform.
 */
describe('REST v4 deviations', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const group = (command: string, body: unknown) =>
    admin.call('group_open_http_svc', command, body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({
      name: 'rest-v4-deviations-e2e',
      settings: { avChatRoomEnabled: true, bChatRoomEnabled: true },
    });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('delete_group_member on a live room', () => {
    it('answers 10004 (not supported for the type), App admin and owner alike', async () => {
      const [owner, viewer] = await users('owner', 'viewer');
      const created = await group('create_group', {
        Type: 'AVChatRoom',
        Name: 'live',
        Owner_Account: owner,
      });
      expect(created).toMatchObject(OK);
      const groupId = created.GroupId as string;
      const viewerDevice = await fixture.device(app, viewer);
      await viewerDevice.chat.joinRoom(groupId);

      const remove = (from?: string) =>
        group('delete_group_member', {
          GroupId: groupId,
          MemberToDel_Account: [viewer],
          ...(from && { From_Account: from }),
        });
      expect(await remove()).toMatchObject(failure(10004));
      expect(await remove(owner)).toMatchObject(failure(10004));
      // the viewer is still in the room
      expect(await group('get_online_member_num', { GroupId: groupId })).toMatchObject({
        ...OK,
        OnlineMemberNum: 1,
      });
    });
  });
});
