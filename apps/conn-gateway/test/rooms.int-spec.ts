import { AppReply, ConnSubjects, ErrorCode, RoomDelivery } from '@im/contracts';
import type { ImClient } from '@im/sdk';
import { waitFor } from '@im/testing';

import { GatewayHarness } from './conn-gateway.harness';

/**
 * Live rooms and broadcast groups across two gateway processes, with the real group service
 * deciding who may join: room.join / room.leave, guests, the per-room subject.
 */
describe('conn-gateway rooms', () => {
  let h: GatewayHarness;
  let app: AppReply;

  const pushesOf = (client: ImClient, cmd = 'msg') => {
    const got: unknown[] = [];
    client.on('push', (c: string, data: unknown) => c === cmd && got.push(data));
    return got;
  };
  const roomGauge = async (opsUrl: string) => {
    const text = await (await fetch(`${opsUrl}/metrics`)).text();
    return Number(/^im_conn_rooms(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
  };
  /** Stand-in data: the gateway forwards a push's data without reading it. */
  const publish = (groupId: string, delivery: { cmd: 'msg'; data: object }) =>
    h.bus.publishDirect(ConnSubjects.room(app.sdkAppId, groupId), delivery as RoomDelivery);

  beforeAll(async () => {
    h = await GatewayHarness.start(
      {},
      { services: ['account', 'group', 'conn-gateway'], gateways: 2 },
    );
    app = await h.apps.create({ name: 'rooms', settings: { avChatRoomEnabled: true } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('runs two gateway processes, each listing both for /endpoints, itself first', async () => {
    const [first, second] = h.wsUrls;
    const endpointsOf = async (wsUrl: string) =>
      (
        (await (
          await fetch(wsUrl.replace('ws://', 'http://').replace('/ws', '/endpoints'))
        ).json()) as { endpoints: string[] }
      ).endpoints;

    expect(await endpointsOf(first)).toEqual([first, second]);
    expect(await endpointsOf(second)).toEqual([second, first]);
  });

  it('pushes a room delivery to users and guests that joined, on every gateway', async () => {
    const host = h.client(app, 'host');
    await host.connect();
    const { groupId } = await host.request<{ groupId: string }>('group.create', {
      type: 'AVChatRoom',
      name: 'Live',
    });
    const viewer = h.client(app, 'viewer', 'Web', h.wsUrls[1]);
    await viewer.connect();
    const guest = await h.guest(app, h.wsUrls[0]);
    const gotViewer = pushesOf(viewer);
    const gotGuest = pushesOf(guest);

    await expect(viewer.request('room.join', { groupId })).resolves.toEqual({
      groupId,
      type: 'AVChatRoom',
      outcome: 'joined',
    });
    await expect(guest.request('room.join', { groupId })).resolves.toMatchObject({
      outcome: 'joined',
    });
    publish(groupId, { cmd: 'msg', data: { seq: 1 } });

    await waitFor(() => gotViewer.length === 1 && gotGuest.length === 1);
    expect(gotViewer).toEqual([{ seq: 1 }]);
    expect(gotGuest).toEqual([{ seq: 1 }]);
    const members = await host.request<{ members: { userId: string }[] }>('group.get-members', {
      groupId,
    });
    expect(members.members.map((m) => m.userId)).toContain('viewer');
  });

  it('lets a user join again from another device, or twice, without an error', async () => {
    const host = h.client(app, 'host2');
    await host.connect();
    const { groupId } = await host.request<{ groupId: string }>('group.create', {
      type: 'AVChatRoom',
      name: 'Again',
    });
    const web = h.client(app, 'fan', 'Web');
    const phone = h.client(app, 'fan', 'Android');
    await web.connect();
    await phone.connect();

    await web.request('room.join', { groupId });
    await expect(phone.request('room.join', { groupId })).resolves.toMatchObject({
      outcome: 'joined',
    });
    await expect(web.request('room.join', { groupId })).resolves.toMatchObject({
      outcome: 'joined',
    });
  });

  it('stops pushing to a session after room.leave and unsubscribes the node after the last one', async () => {
    const host = h.client(app, 'host3');
    await host.connect();
    const { groupId } = await host.request<{ groupId: string }>('group.create', {
      type: 'AVChatRoom',
      name: 'Leave',
    });
    const stays = await h.guest(app, h.wsUrls[1]);
    const leaves = h.client(app, 'leaver', 'Web', h.wsUrls[1]);
    await leaves.connect();
    await stays.request('room.join', { groupId });
    await leaves.request('room.join', { groupId });
    const opsUrl = h.platform.services.get('conn-gateway-2')!.opsUrl;
    const before = await roomGauge(opsUrl);
    const gotStays = pushesOf(stays);
    const gotLeaves = pushesOf(leaves);

    await leaves.request('room.leave', { groupId });
    publish(groupId, { cmd: 'msg', data: { seq: 2 } });

    // Both sessions are on the same process, which writes one delivery to all its sessions at once.
    await waitFor(() => gotStays.length === 1);
    expect(gotLeaves).toEqual([]);
    await stays.close();
    await waitFor(async () => (await roomGauge(opsUrl)) === before - 1);
  });

  it('refuses what is not a live room, guests acting, and unknown groups', async () => {
    const owner = h.client(app, 'owner');
    await owner.connect();
    const { groupId: publicGroup } = await owner.request<{ groupId: string }>('group.create', {
      type: 'Public',
      name: 'Not a room',
    });
    const guest = await h.guest(app);

    await expect(owner.request('room.join', { groupId: publicGroup })).rejects.toMatchObject({
      code: ErrorCode.GroupPermissionDenied,
    });
    await expect(guest.request('room.join', { groupId: publicGroup })).rejects.toMatchObject({
      code: ErrorCode.GroupPermissionDenied,
    });
    await expect(guest.request('room.join', { groupId: '@TGS#none' })).rejects.toMatchObject({
      code: ErrorCode.GroupNotFound,
    });
    await expect(guest.request('room.join', {})).rejects.toMatchObject({
      code: ErrorCode.GroupInvalidParameter,
    });
    await expect(
      guest.request('msg.send-group', { groupId: publicGroup, random: 1, body: [] }),
    ).rejects.toMatchObject({ code: ErrorCode.UserSigEmpty });
  });
});
