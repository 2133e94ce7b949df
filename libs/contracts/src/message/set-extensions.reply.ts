import type { ExtensionResult } from './message-extension';

export class SetExtensionsReply {
  /** One per key named (none for a clear). */
  results!: ExtensionResult[];
  /** The message's extension version after the request. */
  latestSeq!: number;
}
