import { ErrorCode, ExtensionLimits } from '@im/contracts';
import type { ExtensionItem, ExtensionResult, MessageExtension } from '@im/contracts';

/** A message's extensions as stored: its version, last clear and keys. */
export interface ExtensionState {
  latestSeq: number;
  clearSeq: number;
  keys: Map<string, MessageExtension>;
}

/** What one set / delete / clear does: per-key results and the writes to make. */
export interface ExtensionPlan {
  results: ExtensionResult[];
  writes: MessageExtension[];
  deletes: string[];
  clear: boolean;
  latestSeq: number;
  clearSeq: number;
  /** Whether anything changes (only then is the version bumped and the change pushed). */
  changed: boolean;
  /** The keys would exceed 300 a message: the request is refused as a whole. */
  overLimit: boolean;
}

/**
 * Tencent's compare-and-set on message extensions: a write names, per key, the version it last
 * saw (`seq`, 0 for a key it believes new); a different stored version answers 23001 with the
 * stored key, a delete of a key not there 23004; the others are written at the message's next
 * version. The App admin may leave `seq` out to write whatever the version.
 */
export function planExtensions(
  state: ExtensionState,
  operation: 'set' | 'delete' | 'clear',
  items: ExtensionItem[],
  isAdmin: boolean,
): ExtensionPlan {
  const next = state.latestSeq + 1;
  if (operation === 'clear') {
    const changed = state.keys.size > 0;
    return {
      results: [],
      writes: [],
      deletes: [],
      clear: changed,
      latestSeq: changed ? next : state.latestSeq,
      clearSeq: changed ? next : state.clearSeq,
      changed,
      overLimit: false,
    };
  }
  const results: ExtensionResult[] = [];
  const writes: MessageExtension[] = [];
  const deletes: string[] = [];
  for (const item of items) {
    const current = state.keys.get(item.key);
    const stored = current ?? { key: item.key, value: '', seq: 0 };
    const expected = item.seq ?? (isAdmin ? undefined : 0);
    if (operation === 'delete' && !current) {
      results.push({ key: item.key, code: ErrorCode.MessageExtensionNotFound, extension: stored });
      continue;
    }
    if (expected !== undefined && expected !== stored.seq) {
      results.push({ key: item.key, code: ErrorCode.MessageExtensionConflict, extension: stored });
      continue;
    }
    const extension = {
      key: item.key,
      value: operation === 'set' ? (item.value ?? '') : '',
      seq: next,
    };
    if (operation === 'set') writes.push(extension);
    else deletes.push(item.key);
    results.push({ key: item.key, code: ErrorCode.Ok, extension });
  }
  const changed = writes.length + deletes.length > 0;
  const added = writes.filter((w) => !state.keys.has(w.key)).length;
  return {
    results,
    writes,
    deletes,
    clear: false,
    latestSeq: changed ? next : state.latestSeq,
    clearSeq: state.clearSeq,
    changed,
    overLimit: state.keys.size - deletes.length + added > ExtensionLimits.keysPerMessage,
  };
}

/** Whether a set / delete names each key once. */
export function hasRepeatedKeys(items: ExtensionItem[]): boolean {
  return new Set(items.map((i) => i.key)).size !== items.length;
}

/** The pairs with `seq` ≥ `startSeq` in version order (then key), one pull's worth. */
export function pullPage(
  keys: Iterable<MessageExtension>,
  startSeq: number,
): { extensions: MessageExtension[]; isComplete: boolean } {
  const all = [...keys]
    .filter((e) => e.seq >= startSeq)
    .sort((a, b) => a.seq - b.seq || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    extensions: all.slice(0, ExtensionLimits.pullMax),
    isComplete: all.length <= ExtensionLimits.pullMax,
  };
}
