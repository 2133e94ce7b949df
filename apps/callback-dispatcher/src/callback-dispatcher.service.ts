import { Inject, Injectable } from '@nestjs/common';

import { CallbackHttpHeaders, CallbackLimits, ProfileEvt } from '@im/contracts';
import type {
  AfterCallbackCommand,
  AppCallbacksPageRequest,
  AppDeadLetterIdRequest,
  ListAppDeadLettersReply,
  ListAppDeliveriesReply,
  ReplayAppDeadLetterReply,
  BeforeCallbackFailure,
  BeforeCallbackReply,
  BeforeCallbackRequest,
  CallerContext,
  DeadLetterIdsRequest,
  DeadLettersCountReply,
  DeadLetterView,
  DeliveryAttemptView,
  EventOf,
  ListDeadLettersReply,
  ListDeadLettersRequest,
  ProfileChangedEvent,
  RequestMeta,
} from '@im/contracts';
import { currentRequestContext, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AfterCallbackDeliverer } from './after-callback-delivery.task';
import {
  AFTER_CALLBACKS_BY_SUBJECT,
  afterCallbacksOf,
  portraitSetCallback,
} from './after-callback.mapper';
import type { AfterCallback, EventOrigin, ReportedSubject } from './after-callback.mapper';
import { isTooOldToReport, queuedDeliveries } from './after-callback.rules';
import { decideBeforeCallback } from './before-callback-decision.rules';
import type { CallbackTuning } from './callback-dispatcher.config';
import type { CallbackDispatcherDb, CallbackDispatcherTx } from './callback-dispatcher.db';
import { CallbackDispatcherError } from './callback-dispatcher.errors';
import { CallbackDispatcherRepository } from './callback-dispatcher.repository';
import type { AttemptRow, DeadLetterRow } from './callback-dispatcher.schema';
import {
  CALLBACK_DISPATCHER_DB,
  CALLBACK_HTTP,
  CALLBACK_TUNING,
} from './callback-dispatcher.tokens';
import type { CallbackHttpClient } from './callback-http.client';
import { describeHttpResult } from './callback-http-result.model';
import { beforeCallbackBodyText, callbackUrl } from './callback-request.model';
import { CallbackSettingsReader } from './callback-settings.reader';
import { CallbackMetrics } from './callback.metrics';
import { ProfileClient } from './profile.client';
import { RobotsClient } from './robots.client';

/** Dead letters moved per transaction when a whole app's are replayed or discarded. */
const DEAD_LETTER_BATCH = 500;

/**
 * Before-callbacks (synchronous, fail open), the queueing of after-callbacks for the events
 * AfterCallbackConsumer reads (AfterCallbackDeliverer sends them), and the operator's dead
 * letters.
 */
@Injectable()
export class CallbackDispatcherService {
  /** Before-callbacks in flight per app (beyond the limit they fail open at once). */
  private readonly beforeInFlight = new Map<number, number>();

  constructor(
    private readonly repository: CallbackDispatcherRepository,
    private readonly settings: CallbackSettingsReader,
    private readonly deliverer: AfterCallbackDeliverer,
    private readonly metrics: CallbackMetrics,
    private readonly profiles: ProfileClient,
    private readonly robots: RobotsClient,
    @Inject(CALLBACK_DISPATCHER_DB) private readonly db: CallbackDispatcherDb,
    @Inject(CALLBACK_HTTP) private readonly http: CallbackHttpClient,
    @Inject(CALLBACK_TUNING) private readonly tuning: CallbackTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Before-callbacks (docs/callbacks.md §2)

  /**
   * Asks the caller's app backend and answers its decision. `allow` without a request when the
   * app has no URL or the command is not enabled; `allow` with `failedOpen` when the backend
   * does not answer properly within the timeout.
   */
  async before(caller: CallerContext, req: BeforeCallbackRequest): Promise<BeforeCallbackReply> {
    const { sdkAppId } = caller;
    const { command } = req;
    let callbacks;
    try {
      callbacks = await this.settings.enabled(sdkAppId, command);
    } catch (err) {
      return this.failOpen(sdkAppId, command, 'unavailable', String(err));
    }
    if (!callbacks) {
      this.metrics.before.inc({ command, outcome: 'disabled' });
      return { decision: 'allow' };
    }
    const inFlight = this.beforeInFlight.get(sdkAppId) ?? 0;
    if (inFlight >= this.tuning.beforeInFlightPerApp)
      return this.failOpen(sdkAppId, command, 'overloaded', `${inFlight} in flight`);
    this.beforeInFlight.set(sdkAppId, inFlight + 1);
    try {
      const now = Date.now();
      const url = callbackUrl(callbacks.url, {
        sdkAppId,
        command,
        clientIp: req.clientIp ?? '',
        platform: req.platform ?? (caller.role === 'admin' ? 'RESTAPI' : 'Unknown'),
        token: callbacks.token,
        requestTime: Math.floor(now / 1000),
      });
      const end = this.metrics.httpSeconds.startTimer({ kind: 'before' });
      const result = await this.http.post(
        sdkAppId,
        url,
        beforeCallbackBodyText(command, req.body, now),
        { [CallbackHttpHeaders.RequestId]: caller.requestId },
        this.tuning.timeoutMs,
      );
      end();
      const reply = decideBeforeCallback(command, result);
      if (reply.failedOpen)
        return this.failOpen(sdkAppId, command, reply.failedOpen, describeHttpResult(result));
      this.metrics.before.inc({ command, outcome: reply.decision });
      if (reply.decision !== 'allow')
        this.logger.info(
          { sdkAppId, command, decision: reply.decision, code: reply.code },
          'before-callback decided',
        );
      return reply;
    } finally {
      const left = (this.beforeInFlight.get(sdkAppId) ?? 1) - 1;
      if (left > 0) this.beforeInFlight.set(sdkAppId, left);
      else this.beforeInFlight.delete(sdkAppId);
    }
  }

  private failOpen(
    sdkAppId: number,
    command: string,
    reason: BeforeCallbackFailure,
    detail: string,
  ): BeforeCallbackReply {
    this.metrics.before.inc({ command, outcome: `fail-open-${reason}` });
    this.logger.warn(
      { sdkAppId, command, reason, detail },
      'before-callback failed; allowed (fail open)',
    );
    return { decision: 'allow', failedOpen: reason };
  }

  // -------------------------------------------------------------------------------------------
  // After-callbacks (docs/callbacks.md §3, §4)

  /**
   * Queues the after-callbacks an event means for its app, if the app enabled them and the
   * event is recent enough; the deliverer is woken when a row is new. A redelivered event
   * queues nothing twice (the callback ID is derived from the event).
   */
  async queueAfterCallbacks<S extends ReportedSubject>(
    subject: S,
    event: EventOf<S>,
  ): Promise<void> {
    const { sdkAppId } = event;
    if (isTooOldToReport(event.occurredAt, Date.now(), this.tuning.eventMaxAgeSeconds)) {
      this.logger.info({ sdkAppId, subject, eventId: event.eventId }, 'event too old to report');
      return;
    }
    const commands: readonly AfterCallbackCommand[] = AFTER_CALLBACKS_BY_SUBJECT[subject];
    const callbacks = await this.settings.of(sdkAppId);
    if (!callbacks || !commands.some((c) => callbacks.commands.has(c))) return;

    const context = currentRequestContext();
    const origin: EventOrigin = { role: context?.role, callerId: context?.callerId };
    const mapped =
      subject === ProfileEvt.Changed
        ? [await this.portraitSet(event as ProfileChangedEvent, origin)]
        : afterCallbacksOf(subject, event as never, origin);
    const wanted = await this.withoutNonRobots(
      sdkAppId,
      mapped.filter((c) => callbacks.commands.has(c.command)),
    );
    if (wanted.length === 0) return;
    const rows = queuedDeliveries(event, wanted, context?.requestId);
    const queued = await this.repository.insertDeliveries(sdkAppId, rows);
    for (const c of wanted) this.metrics.after.inc({ command: c.command, outcome: 'queued' });
    if (queued > 0) this.deliverer.wake(sdkAppId);
  }

  /**
   * `Bot.OnC2CMessage` is mapped for any receiver named `@RBT#...`; it stays only while that
   * receiver is a robot account (delete_robot makes it an ordinary account).
   */
  private async withoutNonRobots(
    sdkAppId: number,
    callbacks: AfterCallback[],
  ): Promise<AfterCallback[]> {
    const bot = callbacks.find((c) => c.command === 'Bot.OnC2CMessage');
    if (!bot || !('To_Account' in bot.body)) return callbacks;
    if (await this.robots.isRobot(sdkAppId, bot.body.To_Account)) return callbacks;
    return callbacks.filter((c) => c !== bot);
  }

  /** Profile.CallbackPortraitSet with the values of the changed fields, read as a service. */
  private async portraitSet(
    event: ProfileChangedEvent,
    origin: EventOrigin,
  ): Promise<AfterCallback> {
    const items =
      event.changedTags.length > 0
        ? await this.profiles.itemsOf(event.sdkAppId, event.userId, event.changedTags)
        : [];
    return portraitSetCallback(event, items, origin);
  }

  // -------------------------------------------------------------------------------------------
  // Dead letters (operator)

  async listDeadLetters(
    meta: RequestMeta,
    req: ListDeadLettersRequest,
  ): Promise<ListDeadLettersReply> {
    assertOperator(meta);
    const limit = req.limit ?? CallbackLimits.deadLettersPageMax;
    // One snapshot, so the page and the total agree.
    const [rows, total] = await this.db.transaction(
      async (tx) =>
        [
          await this.repository.findDeadLetters(
            req.sdkAppId,
            { command: req.command, afterId: req.afterId ?? undefined, limit: limit + 1 },
            tx,
          ),
          await this.repository.countDeadLetters(req.sdkAppId, req.command, tx),
        ] as const,
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(toView),
      total,
      ...(rows.length > limit && { nextAfterId: page[page.length - 1].id }),
    };
  }

  /** Queues dead letters again with fresh attempts; they keep their callback IDs. */
  async replayDeadLetters(
    meta: RequestMeta,
    req: DeadLetterIdsRequest,
  ): Promise<DeadLettersCountReply> {
    assertOperator(meta);
    const count = await this.inBatches(req, async (tx, ids) => {
      const dead = await this.repository.deleteDeadLetters(req.sdkAppId, ids, tx);
      await this.repository.requeue(req.sdkAppId, dead, tx);
      for (const d of dead) this.metrics.after.inc({ command: d.command, outcome: 'replayed' });
      return dead.length;
    });
    if (count > 0) this.deliverer.wake(req.sdkAppId);
    this.logger.info({ sdkAppId: req.sdkAppId, count }, 'dead letters replayed');
    return { count };
  }

  async discardDeadLetters(
    meta: RequestMeta,
    req: DeadLetterIdsRequest,
  ): Promise<DeadLettersCountReply> {
    assertOperator(meta);
    const count = await this.inBatches(
      req,
      async (tx, ids) => (await this.repository.deleteDeadLetters(req.sdkAppId, ids, tx)).length,
    );
    this.logger.info({ sdkAppId: req.sdkAppId, count }, 'dead letters discarded');
    return { count };
  }

  // -------------------------------------------------------------------------------------------
  // The app's own deliveries and dead letters (the console, as the app's admin)

  /** A page of the app's delivery attempts, newest first (no bodies). */
  async listAppDeliveries(
    caller: CallerContext,
    req: AppCallbacksPageRequest,
  ): Promise<ListAppDeliveriesReply> {
    const sdkAppId = appOfAdmin(caller);
    const { offset, limit } = pageOf(req);
    const [rows, total] = await this.db.transaction(
      async (tx) =>
        [
          await this.repository.pageAttempts(sdkAppId, offset, limit, tx),
          await this.repository.countAttempts(sdkAppId, tx),
        ] as const,
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    return { items: rows.map(toAttemptView), total };
  }

  /** A page of the app's dead letters, newest first, without their bodies (message content). */
  async listAppDeadLetters(
    caller: CallerContext,
    req: AppCallbacksPageRequest,
  ): Promise<ListAppDeadLettersReply> {
    const sdkAppId = appOfAdmin(caller);
    const { offset, limit } = pageOf(req);
    const [rows, total] = await this.db.transaction(
      async (tx) =>
        [
          await this.repository.pageDeadLetters(sdkAppId, offset, limit, tx),
          await this.repository.countDeadLetters(sdkAppId, undefined, tx),
        ] as const,
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    return {
      items: rows.map((d) => ({
        id: d.id,
        callbackId: d.callbackId,
        command: d.command,
        attempts: d.attempts,
        lastError: d.lastError,
        queuedAt: d.queuedAt.toISOString(),
        deadAt: d.deadAt.toISOString(),
      })),
      total,
    };
  }

  /** Queues one of the app's dead letters again: the deliverer sends it like any other. */
  async replayAppDeadLetter(
    caller: CallerContext,
    req: AppDeadLetterIdRequest,
  ): Promise<ReplayAppDeadLetterReply> {
    const sdkAppId = appOfAdmin(caller);
    const replayed = await this.db.transaction(async (tx) => {
      const dead = await this.repository.deleteDeadLetters(sdkAppId, [req.id], tx);
      await this.repository.requeue(sdkAppId, dead, tx);
      for (const d of dead) this.metrics.after.inc({ command: d.command, outcome: 'replayed' });
      return dead.length > 0;
    });
    if (replayed) this.deliverer.wake(sdkAppId);
    this.logger.info({ sdkAppId, deadLetterId: req.id, replayed }, 'dead letter replayed');
    return { replayed };
  }

  /** Runs `work` on the given IDs, or on all of the app's dead letters a batch at a time. */
  private async inBatches(
    req: DeadLetterIdsRequest,
    work: (tx: CallbackDispatcherTx, ids: number[]) => Promise<number>,
  ): Promise<number> {
    if (req.ids) return this.db.transaction((tx) => work(tx, [...new Set(req.ids)]));
    let total = 0;
    for (;;) {
      const batch = await this.repository.findDeadLetters(req.sdkAppId, {
        limit: DEAD_LETTER_BATCH,
      });
      if (batch.length === 0) return total;
      total += await this.db.transaction((tx) =>
        work(
          tx,
          batch.map((d) => d.id),
        ),
      );
    }
  }
}

function assertOperator(meta: RequestMeta): void {
  if (meta.role !== 'operator') throw CallbackDispatcherError.operatorRequired();
}

function appOfAdmin(caller: CallerContext): number {
  if (caller.role !== 'admin') throw CallbackDispatcherError.appAdminRequired();
  return caller.sdkAppId;
}

function pageOf(req: AppCallbacksPageRequest): { offset: number; limit: number } {
  return { offset: req.offset ?? 0, limit: req.limit ?? 20 };
}

function toAttemptView(row: AttemptRow): DeliveryAttemptView {
  return {
    id: row.id,
    callbackId: row.callbackId,
    command: row.command,
    attempt: row.attempt,
    outcome: row.delivered ? 'delivered' : 'failed',
    ...(row.httpStatus !== null && { httpStatus: row.httpStatus }),
    ...(row.error !== null && { error: row.error }),
    latencyMs: row.latencyMs,
    at: row.at.toISOString(),
  };
}

function toView(row: DeadLetterRow): DeadLetterView {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(row.body) as Record<string, unknown>;
  } catch {
    body = {};
  }
  return {
    id: row.id,
    sdkAppId: row.sdkAppId,
    callbackId: row.callbackId,
    sourceEventId: row.sourceEventId,
    command: row.command,
    body,
    attempts: row.attempts,
    lastError: row.lastError,
    queuedAt: row.queuedAt.toISOString(),
    deadAt: row.deadAt.toISOString(),
  };
}
