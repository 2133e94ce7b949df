import { ErrorCode, GroupRpc, MessageRpc, PushRpc, RelationRpc, RemoteError } from '@im/contracts';
import type { ServerFrame } from '@im/contracts';
import type { NatsBus, PlatformLogger } from '@im/platform';
import { waitFor } from '@im/testing';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import { SessionLifecycle } from '../lifecycle/session-lifecycle.service';
import type { RoomRegistry } from '../room/room-registry.store';
import type { RoomService } from '../room/room.service';
import type { LoginService } from '../session/login.service';
import type { PresenceWriter } from '../session/presence.store';
import { Session } from '../session/session.model';
import { SessionRegistry } from '../session/session-registry.store';
import { FrameHandler } from './frame.handler';

/** A socket that records what the gateway writes. */
class RecordingSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly frames: ServerFrame[] = [];
  send(text: string): void {
    this.frames.push(JSON.parse(text) as ServerFrame);
  }
  close(): void {
    this.readyState = 3;
  }
  terminate(): void {
    this.readyState = 3;
  }
}

/** Records the requests forwarded to services and answers `{ ok: true }` (or `refusal`). */
class RecordingBus {
  readonly requests: { subject: string; payload: unknown; context: unknown }[] = [];
  refusal?: Error;
  request(subject: string, payload: unknown, options: { context?: unknown }): Promise<unknown> {
    this.requests.push({ subject, payload, context: options.context });
    return this.refusal ? Promise.reject(this.refusal) : Promise.resolve({ ok: true });
  }
}

describe(FrameHandler.name, () => {
  let bus: RecordingBus;
  let rooms: { joined: unknown[] };
  let sut: FrameHandler;

  const loggedIn = (options: { guest?: boolean } = {}) => {
    const socket = new RecordingSocket();
    const session = new Session('conn-1', socket as never);
    session.sdkAppId = 1400000001;
    session.isLoggedIn = true;
    session.platform = 'Web';
    if (options.guest) session.isGuest = true;
    else session.userId = 'alice';
    return { session, socket };
  };
  const answerTo = (socket: RecordingSocket, seq: number) =>
    waitFor(
      () =>
        socket.frames.find(
          (f): f is Extract<ServerFrame, { op: 'res' }> => f.op === 'res' && f.seq === seq,
        ) ?? null,
    );

  beforeEach(() => {
    bus = new RecordingBus();
    rooms = { joined: [] };
    const roomService = {
      join: (_session: Session, data: unknown) => {
        rooms.joined.push(data);
        return Promise.resolve({ outcome: 'joined' });
      },
      leave: () => Promise.resolve({}),
    };
    sut = new FrameHandler(
      {} as LoginService,
      bus as unknown as NatsBus,
      roomService as unknown as RoomService,
      new SessionLifecycle(
        bus as unknown as NatsBus,
        new SessionRegistry(),
        {} as PresenceWriter,
        { removeAll: () => undefined } as unknown as RoomRegistry,
        { nodeId: 'node-1' } as ConnGatewayConfig,
      ),
      { error: () => undefined } as unknown as PlatformLogger,
    );
  });

  it('forwards a message command to the message service with the user as caller', async () => {
    const { session, socket } = loggedIn();
    const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];

    sut.onText(
      session,
      JSON.stringify({
        op: 'req',
        seq: 5,
        cmd: 'msg.send-c2c',
        data: { to: 'bob', random: 7, body },
      }),
    );

    expect(await answerTo(socket, 5)).toEqual({
      op: 'res',
      seq: 5,
      code: 0,
      msg: '',
      data: { ok: true },
    });
    expect(bus.requests).toEqual([
      {
        subject: MessageRpc.SendC2c,
        payload: { to: 'bob', random: 7, body },
        context: { sdkAppId: 1400000001, callerId: 'alice', role: 'user', connId: 'conn-1' },
      },
    ]);
  });

  it('passes on a busy answer of the service with its retryAfterMs', async () => {
    const { session, socket } = loggedIn();
    bus.refusal = new RemoteError(
      ErrorCode.TooManyRequests,
      'message is overloaded; retry later',
      MessageRpc.SendC2c,
      120,
    );
    sut.onText(
      session,
      JSON.stringify({
        op: 'req',
        seq: 6,
        cmd: 'msg.send-c2c',
        data: {
          to: 'bob',
          random: 7,
          body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
        },
      }),
    );
    expect(await answerTo(socket, 6)).toEqual({
      op: 'res',
      seq: 6,
      code: ErrorCode.TooManyRequests,
      msg: 'message is overloaded; retry later',
      retryAfterMs: 120,
    });
    expect(socket.readyState).toBe(1);
  });

  it('fills in the acting user where a contract names one and the client left it out', async () => {
    const { session, socket } = loggedIn();

    sut.onText(
      session,
      JSON.stringify({ op: 'req', seq: 1, cmd: 'friend.get', data: { startIndex: 0 } }),
    );
    sut.onText(
      session,
      JSON.stringify({
        op: 'req',
        seq: 2,
        cmd: 'blacklist.add',
        data: { userId: 'mallory', toUserIds: ['x'] },
      }),
    );
    await answerTo(socket, 1);
    await answerTo(socket, 2);

    expect(bus.requests.map((r) => [r.subject, r.payload])).toEqual([
      [RelationRpc.GetFriends, { startIndex: 0, userId: 'alice' }],
      // Someone else named: passed on as is, for the service to refuse.
      [RelationRpc.AddToBlacklist, { userId: 'mallory', toUserIds: ['x'] }],
    ]);
  });

  it('lets a client register and forget its offline-push device token', async () => {
    const { session, socket } = loggedIn();
    const device = { platform: 'Android', provider: 'fcm', token: 't' };

    sut.onText(
      session,
      JSON.stringify({ op: 'req', seq: 1, cmd: 'push.register-device', data: device }),
    );
    sut.onText(
      session,
      JSON.stringify({ op: 'req', seq: 2, cmd: 'push.unregister-device', data: { token: 't' } }),
    );
    await answerTo(socket, 1);
    await answerTo(socket, 2);

    expect(bus.requests.map((r) => r.subject)).toEqual([
      PushRpc.RegisterDevice,
      PushRpc.UnregisterDevice,
    ]);
  });

  it('refuses a command name the table does not own, such as an inherited property', async () => {
    const { session, socket } = loggedIn();

    sut.onText(session, JSON.stringify({ op: 'req', seq: 1, cmd: 'toString', data: {} }));

    expect(await answerTo(socket, 1)).toMatchObject({ code: ErrorCode.ResourcePathWrong });
    expect(bus.requests).toEqual([]);
  });

  it('answers a frame nested deeper than 32 levels with 60002 and forwards nothing', async () => {
    const { session, socket } = loggedIn();
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;

    sut.onText(session, `{"op":"req","seq":1,"cmd":"friend.get","data":{"userId":${deep}}}`);
    sut.onText(session, JSON.stringify({ op: 'req', seq: 2, cmd: 'friend.get', data: {} }));

    expect(await answerTo(socket, 1)).toMatchObject({ code: ErrorCode.HttpParseFailed });
    await answerTo(socket, 2);
    expect(bus.requests).toHaveLength(1);
  });

  it('does not answer a seq that is not a uint32, and cuts a long msg', async () => {
    const { session, socket } = loggedIn();

    for (const seq of [-1, 1.5, 2 ** 32])
      sut.onText(session, JSON.stringify({ op: 'req', seq, cmd: 'x', data: {} }));
    sut.onText(session, JSON.stringify({ op: 'req', seq: 7, cmd: 'x'.repeat(5000), data: {} }));

    const answer = await answerTo(socket, 7);
    expect(answer).toMatchObject({ code: ErrorCode.ResourcePathWrong });
    expect(answer.msg.length).toBeLessThanOrEqual(512);
    expect(socket.frames).toHaveLength(1);
  });

  it('lets a guest join a room but nothing else', async () => {
    const { session, socket } = loggedIn({ guest: true });

    sut.onText(
      session,
      JSON.stringify({ op: 'req', seq: 1, cmd: 'room.join', data: { groupId: 'live' } }),
    );
    sut.onText(
      session,
      JSON.stringify({ op: 'req', seq: 2, cmd: 'group.quit', data: { groupId: 'live' } }),
    );

    expect(await answerTo(socket, 1)).toMatchObject({ code: 0, data: { outcome: 'joined' } });
    expect(await answerTo(socket, 2)).toMatchObject({ code: ErrorCode.UserSigEmpty });
    expect(rooms.joined).toEqual([{ groupId: 'live' }]);
    expect(bus.requests.map((r) => r.subject)).not.toContain(GroupRpc.Quit);
  });

  it('answers an unknown command with 60009 and data that is not an object with 60002', async () => {
    const { session, socket } = loggedIn();

    sut.onText(session, JSON.stringify({ op: 'req', seq: 1, cmd: 'msg.nope', data: {} }));
    sut.onText(session, JSON.stringify({ op: 'req', seq: 2, cmd: 'msg.sync', data: [1] }));

    expect(await answerTo(socket, 1)).toMatchObject({ code: ErrorCode.ResourcePathWrong });
    expect(await answerTo(socket, 2)).toMatchObject({ code: ErrorCode.HttpParseFailed });
    expect(bus.requests).toEqual([]);
  });
  it('answers a second login with 7501 and leaves the session open and logged in', async () => {
    const { session, socket } = loggedIn();

    sut.onText(session, JSON.stringify({ op: 'req', seq: 1, cmd: 'login', data: {} }));

    expect(await answerTo(socket, 1)).toMatchObject({ code: ErrorCode.AlreadyLoggedIn });
    expect(session.isOpen).toBe(true);
    expect(session.isLoggedIn).toBe(true);
  });

  it('refuses a body layout with the codes of the REST twin, before the service', async () => {
    const { session, socket } = loggedIn();
    const send = (seq: number, cmd: string, data: object) =>
      sut.onText(session, JSON.stringify({ op: 'req', seq, cmd, data }));

    send(1, 'msg.send-c2c', { to: 'bob', random: 1, body: [{ MsgType: 'TIMNope' }] });
    send(2, 'msg.send-c2c', { to: 'bob', random: 1, body: [] });
    send(3, 'msg.send-group', { groupId: 'g', random: 1, body: [{ MsgType: 'TIMTextElem' }] });

    expect(await answerTo(socket, 1)).toMatchObject({ code: ErrorCode.MessageFormatInvalid });
    expect(await answerTo(socket, 2)).toMatchObject({ code: ErrorCode.MsgBodyFormatInvalid });
    expect(await answerTo(socket, 3)).toMatchObject({ code: ErrorCode.GroupInvalidParameter });
    expect(bus.requests).toEqual([]);
  });
});
