import { LocalServers } from '../servers/local-servers';

/** What the global setup started, kept on globalThis for the global teardown (same process). */
export interface GlobalServers {
  servers: LocalServers;
  baseDir: string;
}

const KEY = Symbol.for('@im/testing/global-servers');

type Holder = { [KEY]?: GlobalServers };

export function keepGlobalServers(state: GlobalServers): void {
  (globalThis as Holder)[KEY] = state;
}

/** Returns and forgets what the global setup started (undefined when it started nothing). */
export function takeGlobalServers(): GlobalServers | undefined {
  const holder = globalThis as Holder;
  const state = holder[KEY];
  delete holder[KEY];
  return state;
}

export function hasGlobalServers(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}
