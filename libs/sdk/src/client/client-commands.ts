// The client-command table lives in libs/contracts (the gateway forwards by the same table);
// the SDK re-exports it so `ImClient.command` and applications keep importing it from here.
export { ClientCommands } from '@im/contracts';
export type { ClientCommandName, ClientCommandReply, ClientCommandRequest } from '@im/contracts';
