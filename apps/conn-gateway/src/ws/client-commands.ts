import { ClientCommands } from '@im/contracts';
import type { RpcSubject } from '@im/contracts';

/** How the gateway forwards one client command (docs/protocol.md §7). */
export interface ClientCommand {
  /** The service subject, called with the logged-in user as caller (role `user`). */
  subject: RpcSubject;
  /**
   * A request field that names the acting user (`userId` of the relation and profile
   * contracts): filled in with the caller when the client leaves it out. A client that names
   * someone else is refused by the service, not here.
   */
  selfField?: string;
}

/**
 * Commands a logged-in user may send and the service subject each is forwarded to: the
 * contracts' `ClientCommands` table (the one the SDK is typed by). The services apply their own
 * rules (a user acts only as itself). `login`, `logout`, `room.join` and `room.leave` are the
 * gateway's own.
 */
export const CLIENT_COMMANDS: Readonly<Record<string, ClientCommand>> = Object.fromEntries(
  Object.entries(ClientCommands).map(([cmd, c]): [string, ClientCommand] => [
    cmd,
    'self' in c ? { subject: c.subject, selfField: c.self } : { subject: c.subject },
  ]),
);
