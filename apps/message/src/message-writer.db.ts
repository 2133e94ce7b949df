import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';

import { PG_POOL, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ConversationBatchRepository } from './conversation-batch.repository';
import type {
  C2cRowChange,
  GroupLineChange,
  GroupReadChange,
} from './conversation-batch.repository';
import { MessageRepository } from './message.repository';
import type { WriterClient } from './message.repository';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';
import type { StoredMessage } from './stored-message.model';

/** How a stored C2C message changes one of its two users' conversation. */
export interface C2cOwnerEffect {
  userId: string;
  peer: string;
  /** Counts as unread for this user. */
  countsUnread: boolean;
  /** This user sent it (reading up to it). */
  isSender: boolean;
  /** It becomes the conversation's shown last message (not NoLastMsg). */
  movesLast: boolean;
}

/** How a stored group message changes the group line. */
export interface GroupEffect {
  groupId: string;
  unreadSupported: boolean;
  counted: boolean;
  movesLast: boolean;
  /** A user who sent it (reading up to it). */
  senderId?: string;
}

export interface WriteJob {
  message: StoredMessage;
  c2c?: C2cOwnerEffect[];
  group?: GroupEffect;
}

/** Stored, or the message already stored under the same de-duplication key. */
export type WriteResult = { duplicateOf?: StoredMessage };

interface Pending {
  job: WriteJob;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

/**
 * SQLSTATE classes of errors one row can cause (bad data, a constraint, a size limit): the
 * batch's other messages are then stored one by one. Any other failure (connection, server)
 * fails the whole batch at once.
 */
const ROW_ERROR_CLASSES = ['22', '23', '54'];

function isRowError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && ROW_ERROR_CLASSES.includes(code.slice(0, 2));
}

/**
 * Group commit (ADR 0004): whatever arrives within one event-loop turn while the writer is
 * idle, or while the previous batch was being written, goes in the next batch (at most
 * `writerMaxBatch`), in one transaction of prepared statements on one connection — inserts
 * into the day partition, the C2C conversation rows of both users, the group lines, the
 * senders' read positions. Each caller's promise settles after the commit. A batch that a
 * row's data made fail is stored again one message at a time (in order), so only that
 * message fails.
 */
@Injectable()
export class MessageWriter {
  private readonly queue: Pending[] = [];
  private active = 0;
  private scheduled = false;

  constructor(
    private readonly messages: MessageRepository,
    private readonly conversations: ConversationBatchRepository,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  write(job: WriteJob): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  /** An idle writer starts on the next turn, so the sends arriving in this one join. */
  private schedule(): void {
    if (this.scheduled || this.active >= this.tuning.writerConcurrency) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.kick();
    });
  }

  private kick(): void {
    while (this.active < this.tuning.writerConcurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.tuning.writerMaxBatch);
      this.active++;
      void this.flush(batch).finally(() => {
        this.active--;
        // What queued up while this batch was written goes at once (no timer when busy).
        this.kick();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const results = await this.commit(batch.map((p) => p.job));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message, code: (err as { code?: string }).code, size: batch.length },
        'message batch failed',
      );
      if (batch.length === 1 || !isRowError(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      // One message's data failed the batch: store them one by one, in order.
      for (const p of batch) {
        try {
          const [result] = await this.commit([p.job]);
          p.resolve(result);
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  /** One transaction on one connection; its statements are prepared once per connection. */
  private async commit(jobs: WriteJob[]): Promise<WriteResult[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const results = await this.store(client, jobs);
        await client.query('COMMIT');
        return results;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollback: Error) => {
          broken = rollback;
        });
        throw err;
      }
    } catch (err) {
      broken ??= isRowError(err) ? undefined : (err as Error);
      throw err;
    } finally {
      // A connection that failed for another reason than a row's data is not reused.
      client.release(broken);
    }
  }

  private async store(client: WriterClient, jobs: WriteJob[]): Promise<WriteResult[]> {
    const inserted = await this.messages.insertMessages(
      client,
      jobs.map((j) => j.message),
    );
    const keyOf = (m: StoredMessage) => `${m.sdkAppId}|${m.convId}|${m.seq}`;
    const skipped = jobs.filter((j) => !inserted.has(keyOf(j.message)));
    const originals = new Map<string, StoredMessage>();
    if (skipped.length) {
      const hits = await this.messages.findByDedupeKeys(
        client,
        skipped.flatMap((j) =>
          j.message.dedupeKey === null
            ? []
            : [
                {
                  sdkAppId: j.message.sdkAppId,
                  convId: j.message.convId,
                  dedupeKey: j.message.dedupeKey,
                },
              ],
        ),
      );
      for (const hit of hits) {
        const key = `${hit.sdkAppId}|${hit.convId}|${hit.dedupeKey}`;
        // The first stored wins (several days may hold the key once each).
        if (!originals.has(key)) originals.set(key, hit.message);
      }
    }
    const stored = skipped.length ? jobs.filter((j) => inserted.has(keyOf(j.message))) : jobs;
    await this.conversations.applyC2c(client, c2cChanges(stored));
    const lines = groupLineChanges(stored);
    if (lines.length) {
      const totals = await this.conversations.applyGroupLines(client, lines);
      await this.conversations.applyGroupReads(client, groupReadChanges(stored, totals));
    }
    return jobs.map((j) => {
      if (inserted.has(keyOf(j.message))) return {};
      const m = j.message;
      return { duplicateOf: originals.get(`${m.sdkAppId}|${m.convId}|${m.dedupeKey}`) ?? m };
    });
  }
}

/** Whether a message at (time, seq) replaces the shown last one at (lastTime, lastSeq). */
export function isNewerLast(time: number, seq: number, lastTime: number, lastSeq: number): boolean {
  return lastSeq === 0 || time > lastTime || (time === lastTime && seq > lastSeq);
}

/** One change per user and conversation for the stored C2C messages of a batch. */
export function c2cChanges(jobs: WriteJob[]): C2cRowChange[] {
  const changes = new Map<string, C2cRowChange>();
  for (const { message: m, c2c } of jobs) {
    for (const owner of c2c ?? []) {
      const key = `${m.sdkAppId}|${owner.userId}|${m.convId}`;
      const c =
        changes.get(key) ??
        ({
          sdkAppId: m.sdkAppId,
          userId: owner.userId,
          convId: m.convId,
          peer: owner.peer,
          lastSeq: 0,
          lastMsgSeq: 0,
          lastTime: 0,
          unreadAdd: 0,
          readTo: 0,
        } satisfies C2cRowChange);
      c.lastSeq = Math.max(c.lastSeq, m.seq);
      // The shown last message is the newest by time (an import may add an older one later).
      if (owner.movesLast && isNewerLast(m.msgTime, m.seq, c.lastTime, c.lastMsgSeq)) {
        c.lastMsgSeq = m.seq;
        c.lastTime = m.msgTime;
      }
      if (owner.countsUnread) c.unreadAdd++;
      if (owner.isSender) c.readTo = Math.max(c.readTo, m.seq);
      changes.set(key, c);
    }
  }
  return [...changes.values()];
}

/** One change per group line for the stored group messages of a batch. */
export function groupLineChanges(jobs: WriteJob[]): GroupLineChange[] {
  const changes = new Map<string, GroupLineChange>();
  for (const { message: m, group } of jobs) {
    if (!group) continue;
    const key = `${m.sdkAppId}|${m.convId}`;
    const c =
      changes.get(key) ??
      ({
        sdkAppId: m.sdkAppId,
        convId: m.convId,
        groupId: group.groupId,
        lastSeq: 0,
        lastMsgSeq: 0,
        lastTime: 0,
        counted: 0,
        unreadSupported: group.unreadSupported,
      } satisfies GroupLineChange);
    c.lastSeq = Math.max(c.lastSeq, m.seq);
    if (group.movesLast && m.seq > c.lastMsgSeq) {
      c.lastMsgSeq = m.seq;
      c.lastTime = m.msgTime;
    }
    if (group.counted) c.counted++;
    changes.set(key, c);
  }
  return [...changes.values()];
}

/**
 * Senders' read positions after their own group messages: at their highest seq, with the
 * line's counted total at that seq (the total after the batch less the batch's counted
 * messages above it).
 */
export function groupReadChanges(jobs: WriteJob[], totals: Map<string, number>): GroupReadChange[] {
  const reads = new Map<string, GroupReadChange>();
  for (const { message: m, group } of jobs) {
    if (!group?.senderId) continue;
    const key = `${m.sdkAppId}|${group.senderId}|${m.convId}`;
    const current = reads.get(key);
    if (current && current.readTo >= m.seq) continue;
    const total = totals.get(`${m.sdkAppId}|${m.convId}`) ?? 0;
    const countedAbove = jobs.filter(
      (j) =>
        j.group?.counted &&
        j.message.sdkAppId === m.sdkAppId &&
        j.message.convId === m.convId &&
        j.message.seq > m.seq,
    ).length;
    reads.set(key, {
      sdkAppId: m.sdkAppId,
      userId: group.senderId,
      convId: m.convId,
      groupId: group.groupId,
      readTo: m.seq,
      countedAtRead: total - countedAbove,
    });
  }
  return [...reads.values()];
}
