import type { CallerContext } from '@im/contracts';

import type { GroupLoader } from './group-loader.service';
import type { GroupTransactions } from './group-transactions.db';
import type { ProfileClient } from './profile.client';
import type { RoomAdminRepository } from './room-admin.repository';
import { ROOM_MEMBERS_PAGE, RoomAdminService } from './room-admin.service';
import type { RoomMemberStore } from './room-member.store';

const admin = { sdkAppId: 1, callerId: 'admin', role: 'admin' } as unknown as CallerContext;
const user = { sdkAppId: 1, callerId: 'u', role: 'user' } as unknown as CallerContext;

/** A live room of `size` members who joined 1 ms apart, from 1,000,000 ms. */
function sut(size: number, baseType = 'AVChatRoom', admins: string[] = []) {
  const joined = Array.from({ length: size }, (_, i) => ({
    userId: `u${i}`,
    joinedAtMs: 1_000_000 + i,
  }));
  const rooms = {
    rangeAfter: (_app: number, _g: string, afterMs: number, limit: number) =>
      Promise.resolve(joined.filter((m) => m.joinedAtMs > afterMs).slice(0, limit)),
    joinTimes: (_app: number, _g: string, ids: string[]) =>
      Promise.resolve(
        new Map(joined.filter((m) => ids.includes(m.userId)).map((m) => [m.userId, m.joinedAtMs])),
      ),
    marksOf: () => Promise.resolve(new Map<string, number[]>()),
  } as unknown as RoomMemberStore;
  const loader = {
    load: () => Promise.resolve({ row: { type: baseType, ownerId: 'owner' }, caps: { baseType } }),
  } as unknown as GroupLoader;
  const profiles = {
    nickAndAvatar: (_app: number, ids: string[]) =>
      Promise.resolve(new Map(ids.map((id) => [id, { nickName: `n-${id}`, avatar: '' }]))),
  } as unknown as ProfileClient;
  const stored = [...admins];
  const repo = {
    findAdmins: () => Promise.resolve([...stored]),
    insertAdmins: (_a: number, _g: string, ids: string[]) => {
      for (const id of ids) if (!stored.includes(id)) stored.push(id);
      return Promise.resolve();
    },
    deleteAdmins: () => Promise.resolve(),
  } as unknown as RoomAdminRepository;
  const writes = {
    commit: (work: (tx: unknown) => Promise<unknown>) => work({}),
    locked: () => Promise.resolve(),
  } as unknown as GroupTransactions;
  return { service: new RoomAdminService(loader, rooms, profiles, repo, writes), stored };
}

describe(RoomAdminService.name, () => {
  it('pages get_members by join time: 500 a page, NextTimestamp the last one’s, 0 at the end', async () => {
    const { service } = sut(ROOM_MEMBERS_PAGE + 3);
    const first = await service.getMembers(admin, { groupId: 'g', timestamp: 0 });
    expect(first.members).toHaveLength(ROOM_MEMBERS_PAGE);
    expect(first.members[0]).toEqual({
      userId: 'u0',
      joinTime: 1000,
      nickName: 'n-u0',
      avatar: '',
    });
    expect(first.nextTimestamp).toBe(1_000_000 + ROOM_MEMBERS_PAGE - 1);
    const second = await service.getMembers(admin, {
      groupId: 'g',
      timestamp: first.nextTimestamp,
    });
    expect(second.members.map((m) => m.userId)).toEqual(['u500', 'u501', 'u502']);
    expect(second.nextTimestamp).toBe(0);
  });

  it('is for the App admin and live rooms only (10007)', async () => {
    await expect(
      sut(1).service.getMembers(user, { groupId: 'g', timestamp: 0 }),
    ).rejects.toMatchObject({ code: 10007 });
    await expect(
      sut(1, 'Public').service.checkMembers(admin, { groupId: 'g', userIds: ['u0'] }),
    ).rejects.toMatchObject({ code: 10007 });
  });

  it('answers check_members in the order asked, members only', async () => {
    const reply = await sut(3).service.checkMembers(admin, {
      groupId: 'g',
      userIds: ['x', 'u2', 'u0', 'u2'],
    });
    expect(reply).toEqual({ userIds: ['u2', 'u0'] });
  });

  it('keeps at most 5 administrators and never the owner (10004)', async () => {
    const { service, stored } = sut(0, 'AVChatRoom', ['a1', 'a2', 'a3', 'a4']);
    await service.modifyAdmins(admin, { groupId: 'g', op: 'set', userIds: ['a1', 'a5'] });
    expect(stored).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    await expect(
      service.modifyAdmins(admin, { groupId: 'g', op: 'set', userIds: ['a6'] }),
    ).rejects.toMatchObject({ code: 10004 });
    await expect(
      service.modifyAdmins(admin, { groupId: 'g', op: 'set', userIds: ['owner'] }),
    ).rejects.toMatchObject({ code: 10004 });
  });
});
