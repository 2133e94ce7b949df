import { Inject, Injectable } from '@nestjs/common';

import { ConnEvt } from '@im/contracts';
import type { SessionCloseReason } from '@im/contracts';
import { NatsBus, PLATFORM_CONFIG } from '@im/platform';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import { RoomRegistry } from '../room/room-registry.store';
import { PresenceWriter } from '../session/presence.store';
import { isPushCapable, mayStillBePushed } from './push-online.rules';
import type { Session } from '../session/session.model';
import { SessionRegistry } from '../session/session-registry.store';

/**
 * How a session ends, whoever ends it (logout, a kick, a heartbeat timeout, the socket closing,
 * shutdown): it leaves the registry, its live rooms and presence, and `conn.evt.session-closed`
 * tells the other services. Frames and deliveries both end sessions, so neither owns this.
 */
@Injectable()
export class SessionLifecycle {
  constructor(
    private readonly bus: NatsBus,
    private readonly registry: SessionRegistry,
    private readonly presence: PresenceWriter,
    private readonly roomRegistry: RoomRegistry,
    @Inject(PLATFORM_CONFIG) private readonly config: ConnGatewayConfig,
  ) {}

  /** Ends a session: closes it and forgets it everywhere. */
  end(session: Session, code: number, reason: SessionCloseReason): void {
    session.close(code, reason);
    void this.forget(session, reason);
  }

  /**
   * The App admin kicked the user (`account.evt.kicked`): its sessions here end, and its
   * departed platforms are forgotten, so a kicked user is Offline, not PushOnline.
   */
  kickUser(sdkAppId: number, userId: string, endSession: (session: Session) => void): void {
    for (const session of this.registry.sessionsOf(sdkAppId, userId)) endSession(session);
    void this.presence.forgetAllDepartures(sdkAppId, userId);
  }

  /** The socket is gone: drop the session from the registry, presence and rooms. */
  async forget(session: Session, reason: SessionCloseReason): Promise<void> {
    if (!this.registry.get(session.connId)) return;
    this.registry.remove(session);
    this.roomRegistry.removeAll(session);
    if (!session.isLoggedIn || session.isGuest || session.userId === undefined) return;
    await this.presence.unregister([session]);
    if (mayStillBePushed(reason) && isPushCapable(session.platform))
      await this.presence.depart(session);
    else
      await this.presence.forgetDeparture(
        session.sdkAppId ?? 0,
        session.userId,
        session.platform ?? 'Web',
      );
    await this.bus.emit(ConnEvt.SessionClosed, {
      sdkAppId: session.sdkAppId,
      userId: session.userId,
      platform: session.platform ?? 'Web',
      connId: session.connId,
      nodeId: this.config.nodeId,
      reason,
    });
  }
}
