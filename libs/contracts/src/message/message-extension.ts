/** One key/value of a message's extensions; `seq` is the message's extension version that wrote it. */
export interface MessageExtension {
  key: string;
  value: string;
  seq: number;
}

/** What a set / delete / clear did to one key: 0, 23001 (Seq conflict) or 23004 (no such key). */
export interface ExtensionResult {
  key: string;
  code: number;
  /** The key as stored now (after this write, or the current value on a conflict). */
  extension: MessageExtension;
}
