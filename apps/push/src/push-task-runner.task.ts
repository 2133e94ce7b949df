import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { PushEvt } from '@im/contracts';
import type { PushedMessage } from '@im/contracts';
import { EventOutbox, PLATFORM_CONFIG, PLATFORM_LOGGER, PresenceReader } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { GatewayDelivery } from './gateway-delivery.client';
import type { PushDb } from './push.db';
import { PUSH_DB } from './push.tokens';
import { OfflineNotifier } from './offline-notifier.service';
import type { PushConfig } from './push.config';
import { ConsumedEventsRepository } from './consumed-events.repository';
import { PushTaskRepository } from './push-task.repository';
import type { PushTask } from './push-task.repository';
import { PushSettingsReader } from './push-settings.reader';
import { buildNotification, isPushSuppressed } from './providers/notification.mapper';

/** A runner holds a task this long without progress before another instance may take it. */
const LEASE_SECONDS = 60;
/** How often expired stored pushes and old tasks are deleted. */
const SWEEP_INTERVAL_MS = 60_000;

/** The client push of a task. */
export function pushedMessage(task: PushTask, stored = false): PushedMessage {
  return {
    taskId: task.taskId,
    from: task.fromUserId,
    body: task.body,
    time: Math.floor(task.createdAt.getTime() / 1000),
    ...(stored && { stored: true }),
  };
}

/**
 * Runs push tasks (any instance may run any task): claims an open task with a lease, counts
 * its selection, then reads it from PostgreSQL page by page in user order (keyset, cursor kept
 * in the task) and for each page: sends the push to the users' online sessions through their
 * gateways, stores it for the offline ones (MsgLifeTime > 0), records the page, then notifies
 * the offline users' devices. A stopped runner's task is resumed from its cursor by whoever
 * claims it after the lease expired (a page may then be delivered twice; clients de-duplicate
 * by taskId).
 */
@Injectable()
export class PushTaskRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private poll?: NodeJS.Timeout;
  private sweep?: NodeJS.Timeout;
  private readonly running = new Set<Promise<void>>();
  private ticking = false;
  private again = false;
  private stopped = true;

  constructor(
    private readonly tasks: PushTaskRepository,
    private readonly consumed: ConsumedEventsRepository,
    private readonly presence: PresenceReader,
    private readonly delivery: GatewayDelivery,
    private readonly notifier: OfflineNotifier,
    private readonly settings: PushSettingsReader,
    private readonly outbox: EventOutbox,
    @Inject(PUSH_DB) private readonly db: PushDb,
    @Inject(PLATFORM_CONFIG) private readonly config: PushConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.poll = setInterval(() => this.kick(), this.config.push.taskPollMs);
    this.poll.unref();
    this.sweep = setInterval(() => void this.sweepOld(), SWEEP_INTERVAL_MS);
    this.sweep.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearInterval(this.sweep);
    await Promise.allSettled([...this.running]);
  }

  /** Looks for open tasks now (after a push was accepted, and on every poll). */
  kick(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    void this.claimAll()
      .catch((err: unknown) => this.logger.warn({ err }, 'could not claim push tasks'))
      .finally(() => {
        this.ticking = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async claimAll(): Promise<void> {
    while (!this.stopped && this.running.size < this.config.push.taskConcurrency) {
      const task = await this.tasks.claimTask(this.config.nodeId, LEASE_SECONDS);
      if (!task) return;
      const run: Promise<void> = this.run(task)
        .catch((err: unknown) =>
          this.logger.error(
            { err, sdkAppId: task.sdkAppId, taskId: task.taskId },
            'push task failed; it will be resumed',
          ),
        )
        .finally(() => {
          this.running.delete(run);
          this.kick();
        });
      this.running.add(run);
    }
  }

  /** Delivers a claimed task to the end (or until its lease is lost or the service stops). */
  async run(task: PushTask): Promise<void> {
    const owner = this.config.nodeId;
    const { sdkAppId, taskId, plan } = task;
    const settings = await this.settings.of(sdkAppId);
    if (task.total === null) {
      const total = await this.tasks.countSelection(sdkAppId, plan);
      if (!(await this.tasks.setTotal(sdkAppId, taskId, owner, total))) return;
    }
    const pageSize = this.config.push.pageSize;
    const expiresAt = new Date(task.createdAt.getTime() + task.lifeTimeSeconds * 1000);
    const stores = task.lifeTimeSeconds > 0 && expiresAt.getTime() > Date.now();
    const notifies = stores && !isPushSuppressed(task.offlinePush);
    const live = pushedMessage(task);
    let cursor = task.cursorUserId;
    for (;;) {
      if (this.stopped) return;
      const page = await this.tasks.selectPage(sdkAppId, plan, cursor, pageSize);
      const sessions = await this.presence.liveSessionsOf(sdkAppId, page.targets);
      const online = this.delivery.deliver(sdkAppId, sessions, () => [live]);
      const offline = page.targets.filter((u) => !online.has(u));
      const stored = stores ? offline : [];
      const last = page.candidates.length < pageSize;
      const kept = await this.tasks.transaction(async (tx) => {
        await this.tasks.insertStored(sdkAppId, taskId, stored, expiresAt, tx);
        if (page.candidates.length === 0) return true;
        return this.tasks.savePage(
          sdkAppId,
          taskId,
          owner,
          {
            cursor: page.candidates[page.candidates.length - 1],
            finished: page.targets.length,
            onlineDelivered: online.size,
            stored: stored.length,
          },
          LEASE_SECONDS,
          tx,
        );
      });
      if (!kept) {
        this.logger.warn({ sdkAppId, taskId }, 'push task lease lost; another instance goes on');
        return;
      }
      // A user who came online between the presence read and the commit may have missed both
      // the live push and the stored one (its login was handled before the row existed).
      await this.deliverStored(sdkAppId, stored);
      if (notifies && offline.length > 0) await this.notifyDevices(task, settings, offline);
      cursor = page.candidates[page.candidates.length - 1] ?? cursor;
      if (last) break;
    }
    const done = await this.outbox.commit(this.db, async (tx) => {
      const counts = await this.tasks.finishTask(sdkAppId, taskId, owner, tx);
      if (counts)
        await this.outbox.stage(tx, PushEvt.TaskFinished, { sdkAppId, taskId, ...counts });
      return counts;
    });
    if (done) this.logger.info({ sdkAppId, taskId, ...done }, 'push task done');
  }

  /** Delivers the stored pushes of users who are online now (each stored push once). */
  async deliverStored(sdkAppId: number, userIds: string[], preferConnId?: string): Promise<number> {
    if (userIds.length === 0) return 0;
    const sessions = await this.presence.liveSessionsOf(sdkAppId, userIds);
    if (sessions.length === 0) return 0;
    // The session that just opened first, when it is still there.
    sessions.sort((a, b) => Number(b.connId === preferConnId) - Number(a.connId === preferConnId));
    const claimed = await this.tasks.claimStored(sdkAppId, [
      ...new Set(sessions.map((s) => s.userId)),
    ]);
    const byUser = new Map<string, PushedMessage[]>();
    for (const c of claimed)
      byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), pushedMessage(c.task, true)]);
    // One session per user: the user receives each stored push once.
    const first = new Map<string, (typeof sessions)[number]>();
    for (const s of sessions) if (!first.has(s.userId)) first.set(s.userId, s);
    this.delivery.deliver(
      sdkAppId,
      [...first.values()].filter((s) => byUser.has(s.userId)),
      (userId) => byUser.get(userId) ?? [],
    );
    return claimed.length;
  }

  private async notifyDevices(
    task: PushTask,
    settings: Awaited<ReturnType<PushSettingsReader['of']>>,
    userIds: string[],
  ): Promise<void> {
    const notification = buildNotification({
      body: task.body,
      offlinePush: task.offlinePush,
      defaultTitle: task.fromUserId,
      lifeTimeSeconds: Math.max(
        0,
        Math.floor((task.createdAt.getTime() + task.lifeTimeSeconds * 1000 - Date.now()) / 1000),
      ),
      data: { taskId: task.taskId, from: task.fromUserId },
      collapseId: task.taskId,
    });
    const result = await this.notifier.notify(task.sdkAppId, settings, userIds, notification);
    await this.tasks.addOfflineResults(task.sdkAppId, task.taskId, result.sent, result.failed);
  }

  private async sweepOld(): Promise<void> {
    try {
      while ((await this.tasks.deleteExpiredStored()) > 0 && !this.stopped);
      await this.tasks.deleteOldTasks(this.config.push.taskRetentionDays);
      await this.consumed.deleteOldConsumedEvents(8);
    } catch (err) {
      this.logger.warn({ err }, 'push sweep failed');
    }
  }
}
