/** The two kinds of conversation (MSG-1). */
export type ConversationType = 'C2C' | 'GROUP';

/**
 * A conversation's canonical ID, the same for both sides of a C2C pair:
 * `c2c:<smaller userId>:<larger userId>` (code-unit order) or `group:<groupId>`. User IDs may
 * contain ':', so the C2C form is parsed with the lengths of its parts: use the helpers.
 */
export const ConversationIds = {
  c2c(a: string, b: string): string {
    const [x, y] = a < b ? [a, b] : [b, a];
    return `c2c:${x.length}:${x}:${y}`;
  },
  group(groupId: string): string {
    return `group:${groupId}`;
  },
  /** The type and, for the given user, the peer (other user or group ID) of a conversation. */
  parse(
    convId: string,
    me?: string,
  ): { type: ConversationType; peer: string; members?: [string, string] } {
    if (convId.startsWith('group:')) return { type: 'GROUP', peer: convId.slice('group:'.length) };
    const match = /^c2c:(\d+):/.exec(convId);
    if (!match) throw new Error(`not a conversation ID: ${convId}`);
    const length = Number(match[1]);
    const start = match[0].length;
    const x = convId.slice(start, start + length);
    const y = convId.slice(start + length + 1);
    return { type: 'C2C', peer: me === x ? y : x, members: [x, y] };
  },
} as const;
