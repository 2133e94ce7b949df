import type { MessageExtension } from './message-extension';

export class GetExtensionsReply {
  /** In `seq` order, at most 200; pull again from the last `seq` when not complete. */
  extensions!: MessageExtension[];
  isComplete!: boolean;
  latestSeq!: number;
  /** The version of the last clear (0 = never cleared). */
  clearSeq!: number;
}
