import { ConnSubjects } from '@im/contracts';
import type { RoomDelivery } from '@im/contracts';
import { PlatformMetrics } from '@im/platform';
import type { NatsBus, PlatformLogger } from '@im/platform';

import { Session } from '../session/session.model';
import { RoomRegistry, roomKey } from './room-registry.store';

/** Core NATS subscriptions in memory: who listens on what, and a way to publish. */
class FakeBus {
  readonly subscriptions = new Map<string, (payload: RoomDelivery) => void>();
  readonly connection = { flush: () => Promise.resolve() };
  subscribeDirect(subject: string, handler: (payload: RoomDelivery) => void) {
    this.subscriptions.set(subject, handler);
    return { unsubscribe: () => this.subscriptions.delete(subject) };
  }
  /** Stand-in data: the registry forwards a push's data without reading it. */
  publish(subject: string, payload: { cmd: 'msg'; data: object }): void {
    this.subscriptions.get(subject)?.(payload as RoomDelivery);
  }
}

class RecordingSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.readyState = 3;
  }
  terminate(): void {}
}

describe(RoomRegistry.name, () => {
  const app = 1400000001;
  const subject = ConnSubjects.room(app, 'live');
  let bus: FakeBus;
  let sut: RoomRegistry;

  const session = (connId: string) => {
    const socket = new RecordingSocket();
    const s = new Session(connId, socket as never);
    s.sdkAppId = app;
    return { s, socket };
  };

  beforeEach(() => {
    bus = new FakeBus();
    sut = new RoomRegistry(
      bus as unknown as NatsBus,
      { debug: () => undefined } as unknown as PlatformLogger,
      new PlatformMetrics('conn-gateway'),
    );
  });

  it('subscribes the node to the room subject on the first session and leaves it after the last', async () => {
    const a = session('a');
    const b = session('b');

    await sut.add(a.s, app, 'live');
    await sut.add(b.s, app, 'live');
    expect([...bus.subscriptions.keys()]).toEqual([subject]);

    sut.remove(a.s, app, 'live');
    expect(bus.subscriptions.has(subject)).toBe(true);
    sut.removeAll(b.s);
    expect(bus.subscriptions.size).toBe(0);
    expect(sut.size).toBe(0);
    expect(b.s.rooms.size).toBe(0);
  });

  it('pushes one delivery to every session of the room, the same frame text to each', async () => {
    const a = session('a');
    const b = session('b');
    const elsewhere = session('c');
    await sut.add(a.s, app, 'live');
    await sut.add(b.s, app, 'live');
    await sut.add(elsewhere.s, app, 'other');

    bus.publish(subject, { cmd: 'msg', data: { seq: 1 } });

    const frame = '{"op":"push","cmd":"msg","data":{"seq":1}}';
    expect(a.socket.sent).toEqual([frame]);
    expect(b.socket.sent).toEqual([frame]);
    expect(elsewhere.socket.sent).toEqual([]);
  });

  it('tells removed or banned users, then stops the room pushes to their sessions', async () => {
    const banned = session('a');
    banned.s.userId = 'bob';
    const other = session('b');
    other.s.userId = 'carol';
    await sut.add(banned.s, app, 'live');
    await sut.add(other.s, app, 'live');

    const notice = {
      cmd: 'notify',
      data: { id: 0, kind: 'group.member-banned', time: 1, data: { userIds: ['bob'] } },
    };
    sut.deliver(roomKey(app, 'live'), notice as RoomDelivery);
    bus.publish(subject, { cmd: 'msg', data: { seq: 1 } });

    expect(banned.socket.sent).toHaveLength(1);
    expect(JSON.parse(banned.socket.sent[0])).toMatchObject({ cmd: 'notify' });
    expect(banned.s.rooms.size).toBe(0);
    expect(other.socket.sent).toHaveLength(2);
    expect(sut.sessionsIn(app, 'live')).toEqual([other.s]);
  });

  it('ignores a delivery for a room it no longer holds', () => {
    expect(() =>
      sut.deliver(roomKey(app, 'gone'), { cmd: 'msg', data: {} } as RoomDelivery),
    ).not.toThrow();
  });

  it("puts the room's messages back in seq order when a later one arrives first", async () => {
    const a = session('a');
    await sut.add(a.s, app, 'live');
    const msg = (seq: number) => ({ cmd: 'msg' as const, data: { seq } });

    bus.publish(subject, msg(2));
    bus.publish(subject, msg(1));
    bus.publish(subject, msg(4));
    bus.publish(subject, msg(3));

    expect(a.socket.sent.map((t) => (JSON.parse(t) as { data: { seq: number } }).data.seq)).toEqual(
      [1, 2, 3, 4],
    );
  });
});
