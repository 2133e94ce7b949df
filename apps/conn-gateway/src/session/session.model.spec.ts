import type { WebSocket } from 'ws';

import { CloseCodes } from '@im/contracts';

import { Session, watchLogin } from './session.model';

describe(watchLogin.name, () => {
  let closed: number[];
  let session: Session;

  beforeEach(() => {
    jest.useFakeTimers();
    closed = [];
    const socket = {
      OPEN: 1,
      readyState: 1,
      close: (code: number) => closed.push(code),
      terminate: () => undefined,
    };
    session = new Session('conn-1', socket as unknown as WebSocket);
  });

  afterEach(() => jest.useRealTimers());

  it('closes a connection that did not log in in time with 4003', () => {
    watchLogin(session, 10_000);

    jest.advanceTimersByTime(9_999);
    expect(closed).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(closed).toEqual([CloseCodes.LoginFailed]);
  });

  it('gives a login still being worked on more time, and closes once none is', () => {
    watchLogin(session, 10_000);
    session.loggingIn = true;

    jest.advanceTimersByTime(25_000);
    expect(closed).toEqual([]);

    session.loggingIn = false; // answered "retry", and the client did not try again
    jest.advanceTimersByTime(10_000);
    expect(closed).toEqual([CloseCodes.LoginFailed]);
  });

  it('leaves a logged-in session and a cancelled watch alone', () => {
    const other = new Session('conn-2', {
      OPEN: 1,
      readyState: 1,
      close: (code: number) => closed.push(code),
      terminate: () => undefined,
    } as unknown as WebSocket);
    watchLogin(session, 10_000);
    watchLogin(other, 10_000).cancel();
    session.isLoggedIn = true;

    jest.advanceTimersByTime(60_000);
    expect(closed).toEqual([]);
  });
});
