import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ChatMessage } from '@im/contracts';
import { findRepoRoot } from '@im/testing';

import type { AckedMessage, AttemptFailure } from './fault-traffic';

/**
 * The codes docs/error-codes.md documents as "try again": every row whose meaning says
 * "retry" (a service or store did not answer, a request timed out, too many requests). A
 * platform under a fault may answer these and nothing else.
 */
export function documentedBusyCodes(): Set<string> {
  const doc = readFileSync(path.join(findRepoRoot(), 'docs/error-codes.md'), 'utf8');
  const codes = new Set<string>();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (!/^\d+$/.test(cells[1] ?? '')) continue;
    if (/\bretry\b/i.test(cells[3] ?? '')) codes.add(cells[1]);
  }
  return codes;
}

/** Failures of the transport, not answers of the platform: a client simply tries again. */
export function isTransportFailure(code: string): boolean {
  return code === 'timeout' || code === 'disconnected' || code.startsWith('http:');
}

/** The failures whose code is neither a transport failure nor a documented busy code. */
export function undocumentedFailures(
  failures: readonly AttemptFailure[],
  busy: ReadonlySet<string>,
): AttemptFailure[] {
  return failures.filter((f) => !isTransportFailure(f.code) && !busy.has(f.code));
}

/** Counts per code, most frequent first: `{ '91000': 12, disconnected: 3 }`. */
export function countCodes(failures: readonly AttemptFailure[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/** What one receiver should have got: the acked messages of its conversations not its own. */
export interface ReceiverExpectation {
  name: string;
  userId?: string;
  convIds: readonly string[];
  received: readonly ChatMessage[];
  /**
   * false for a guest: it cannot pull (docs/protocol.md §6), so room messages pushed while it
   * reconnects are not recovered; it is held to at most once and in order, and what it
   * missed is counted apart.
   */
  complete: boolean;
}

export interface DeliveryResult {
  /** Acked messages a receiver never got (summed over receivers). */
  lost: number;
  /** Room messages a guest missed (pushed while it reconnected; guests cannot pull). */
  guestMissed: number;
  /** Extra copies of acked messages a receiver got. */
  duplicated: number;
  /** Deliveries whose seq was not above the one before in the conversation. */
  outOfOrder: number;
  /** Messages delivered that no sender had acked. */
  unexpected: number;
  /** Acked messages of one sender whose seqs do not grow with the order they were sent in. */
  senderOrderBroken: number;
  /** Acks of the same sender and random with different seqs (stored twice). */
  ackConflicts: number;
  /** Expected deliveries (acked messages × receivers that should get them). */
  expected: number;
  details: string[];
}

const keyOf = (convId: string, from: string, random: number) => `${convId}|${from}|${random}`;

/** Deliveries still missing (for waiting until the receivers caught up). */
export function missingDeliveries(
  acked: readonly AckedMessage[],
  receivers: readonly ReceiverExpectation[],
): number {
  let missing = 0;
  for (const r of receivers) {
    if (!r.complete) continue;
    const got = new Set(r.received.map((m) => keyOf(m.convId, m.from, m.random)));
    for (const m of acked)
      if (
        r.convIds.includes(m.convId) &&
        m.from !== r.userId &&
        !got.has(keyOf(m.convId, m.from, m.random))
      )
        missing++;
  }
  return missing;
}

/**
 * Exactly once and in order: each receiver got every acked message of its conversations once,
 * in increasing seq per conversation, and nothing that was not acked; each sender's messages
 * have seqs in the order it sent them.
 */
export function checkDelivery(
  acked: readonly AckedMessage[],
  receivers: readonly ReceiverExpectation[],
): DeliveryResult {
  const result: DeliveryResult = {
    lost: 0,
    guestMissed: 0,
    duplicated: 0,
    outOfOrder: 0,
    unexpected: 0,
    senderOrderBroken: 0,
    ackConflicts: 0,
    expected: 0,
    details: [],
  };
  const note = (line: string) => result.details.length < 20 && result.details.push(line);
  const ackedKeys = new Map<string, AckedMessage>();
  for (const m of acked) {
    const key = keyOf(m.convId, m.from, m.random);
    const before = ackedKeys.get(key);
    if (before && before.seq !== m.seq) {
      result.ackConflicts++;
      note(`acked twice with seqs ${before.seq} and ${m.seq}: ${key}`);
    }
    ackedKeys.set(key, m);
  }
  for (const r of receivers) {
    const counts = new Map<string, number>();
    const lastSeq = new Map<string, number>();
    for (const m of r.received) {
      if (!r.convIds.includes(m.convId)) continue;
      const key = keyOf(m.convId, m.from, m.random);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!ackedKeys.has(key)) {
        result.unexpected++;
        note(`${r.name}: got a message no sender acked: ${key} seq ${m.seq}`);
      }
      const previous = lastSeq.get(m.convId) ?? 0;
      if (m.seq <= previous) {
        result.outOfOrder++;
        note(`${r.name}: seq ${m.seq} after ${previous} in ${m.convId}`);
      }
      lastSeq.set(m.convId, Math.max(previous, m.seq));
    }
    for (const m of acked) {
      if (!r.convIds.includes(m.convId) || m.from === r.userId) continue;
      result.expected++;
      const n = counts.get(keyOf(m.convId, m.from, m.random)) ?? 0;
      if (n === 0 && !r.complete) result.guestMissed++;
      else if (n === 0) {
        result.lost++;
        note(`${r.name}: lost ${m.kind} #${m.index} (${m.convId}, acked seq ${m.seq ?? '-'})`);
      }
      if (n > 1) {
        result.duplicated += n - 1;
        note(`${r.name}: ${n} copies of ${m.kind} #${m.index} (${m.convId})`);
      }
    }
    // The seq each receiver saw, per sender message, must grow with the sending order.
    const seqOf = new Map(r.received.map((m) => [keyOf(m.convId, m.from, m.random), m.seq]));
    const bySender = new Map<string, AckedMessage[]>();
    for (const m of acked) {
      if (!r.convIds.includes(m.convId) || m.from === r.userId) continue;
      const k = `${m.kind}|${m.from}`;
      bySender.set(k, [...(bySender.get(k) ?? []), m]);
    }
    for (const list of bySender.values()) {
      let previous = 0;
      for (const m of [...list].sort((a, b) => a.index - b.index)) {
        const seq = seqOf.get(keyOf(m.convId, m.from, m.random));
        if (seq === undefined) continue;
        if (seq <= previous) {
          result.senderOrderBroken++;
          note(`${r.name}: ${m.kind} #${m.index} has seq ${seq}, not above ${previous}`);
        }
        previous = seq;
      }
    }
  }
  return result;
}
