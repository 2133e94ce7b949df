import type { ImChatEvents } from './chat-types';

/** How the parts of ImChat raise its events (ImChat's own `emit`, bound). */
export type ChatEmit = <E extends keyof ImChatEvents>(
  event: E,
  ...args: Parameters<ImChatEvents[E]>
) => boolean;
