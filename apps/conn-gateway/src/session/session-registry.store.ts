import { Session, userKey } from './session.model';

/** The sessions this gateway process holds, by connection and by user. */
export class SessionRegistry {
  private readonly byConn = new Map<string, Session>();
  private readonly byUser = new Map<string, Set<Session>>();

  get size(): number {
    return this.byConn.size;
  }

  add(session: Session): void {
    this.byConn.set(session.connId, session);
  }

  /** Indexes a session under its user once it logged in. */
  bind(session: Session): void {
    const key = session.userKey;
    if (key === undefined) return;
    let set = this.byUser.get(key);
    if (!set) this.byUser.set(key, (set = new Set()));
    set.add(session);
  }

  remove(session: Session): void {
    this.byConn.delete(session.connId);
    const key = session.userKey;
    if (key === undefined) return;
    const set = this.byUser.get(key);
    set?.delete(session);
    if (set?.size === 0) this.byUser.delete(key);
  }

  get(connId: string): Session | undefined {
    return this.byConn.get(connId);
  }

  sessionsOf(sdkAppId: number, userId: string): Session[] {
    return [...(this.byUser.get(userKey(sdkAppId, userId)) ?? [])];
  }

  all(): IterableIterator<Session> {
    return this.byConn.values();
  }
}
