import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { Subscription } from 'nats';

import { MessageEvt, MessageRpc } from '@im/contracts';
import type { DirtyWordsChange } from '@im/contracts';

import type { PlatformLogger } from '../logging/logger';
import { NatsBus } from '../nats/nats-bus';
import { RpcUnavailableError } from '../nats/rpc-unavailable.error';
import { PLATFORM_LOGGER } from '../platform.tokens';
import { SensitiveWordsMatcher } from './sensitive-words-matcher.rules';

/** Where an app's word list is read: the message service (its owner) by default. */
export type SensitiveWordsSource = (sdkAppId: number) => Promise<readonly string[]>;

/** Provide a `SensitiveWordsSource` under this token to read the list elsewhere (its owner). */
export const SENSITIVE_WORDS_SOURCE = Symbol('SENSITIVE_WORDS_SOURCE');

/**
 * How long a list is reused without a change heard. Changes are announced, so this only
 * bounds how long a lost announcement goes unnoticed.
 */
export const SENSITIVE_WORDS_TTL_MS = 60_000;
/** How long a list that could not be read counts as empty (see `matcherOf`). */
export const SENSITIVE_WORDS_UNAVAILABLE_TTL_MS = 5_000;
const MAX_APPS = 10_000;
const EMPTY = new SensitiveWordsMatcher([]);

interface Entry {
  matcher: SensitiveWordsMatcher;
  expiresAt: number;
}

/**
 * Each app's sensitive words (openim_dirty_words, docs/rest-api.md §9.1) as a ready matcher,
 * for every service that refuses text holding one: the message service (message text) and the
 * group, profile and relation services (names, introductions, notices, name cards, profile and
 * relation-chain text). The list is the message service's (`message.rpc.get-dirty-words`),
 * built into a matcher once per app and reused; `message.evt.dirty-words-changed`, announced
 * by whoever changed the list, drops the app's matcher in every instance of every service (a
 * plain subscription). Concurrent misses of one app share one read; a read that overlapped a
 * change is not kept.
 */
@Injectable()
export class SensitiveWordsCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<number, Entry>();
  private readonly loading = new Map<number, Promise<SensitiveWordsMatcher>>();
  /** Bumped by every change of an app heard. */
  private readonly generations = new Map<number, number>();
  private readonly source: SensitiveWordsSource;
  private subscription?: Subscription;

  constructor(
    private readonly bus: NatsBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    @Optional() @Inject(SENSITIVE_WORDS_SOURCE) source?: SensitiveWordsSource,
  ) {
    this.source =
      source ??
      (async (sdkAppId) =>
        (await bus.request(MessageRpc.GetDirtyWords, {}, bus.asService(sdkAppId))).words);
  }

  onApplicationBootstrap(): void {
    this.subscription ??= this.bus.subscribe(MessageEvt.DirtyWordsChanged, (event) =>
      this.invalidate(event.sdkAppId),
    );
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** Forgets the app's list here (the next check reads it again). */
  invalidate(sdkAppId: number): void {
    this.generations.set(sdkAppId, (this.generations.get(sdkAppId) ?? 0) + 1);
    this.entries.delete(sdkAppId);
    this.loading.delete(sdkAppId);
  }

  /**
   * Tells every instance of every service that the app's list changed (call after the change
   * is stored): forgotten here at once, elsewhere when the event arrives. Never throws.
   */
  async announceChange(sdkAppId: number, change: DirtyWordsChange): Promise<void> {
    this.invalidate(sdkAppId);
    await this.bus.emit(MessageEvt.DirtyWordsChanged, { sdkAppId, change });
  }

  /**
   * The app's matcher. When the list cannot be read because its owner is unreachable, the
   * check lets the text through for a few seconds (logged) rather than refusing every name and
   * profile write of the app: the same choice as the before-callbacks, which fail open.
   */
  async matcherOf(sdkAppId: number, now = Date.now()): Promise<SensitiveWordsMatcher> {
    const hit = this.entries.get(sdkAppId);
    if (hit && hit.expiresAt > now) return hit.matcher;
    const inFlight = this.loading.get(sdkAppId);
    if (inFlight) return inFlight;
    const load = this.load(sdkAppId).finally(() => {
      if (this.loading.get(sdkAppId) === load) this.loading.delete(sdkAppId);
    });
    this.loading.set(sdkAppId, load);
    return load;
  }

  /**
   * The index of the first text that holds one of the app's words, or -1. Absent and empty
   * texts are skipped; with none left the list is not even read.
   */
  async firstMatch(
    sdkAppId: number,
    texts: readonly (string | null | undefined)[],
  ): Promise<number> {
    if (!texts.some((t) => typeof t === 'string' && t.length > 0)) return -1;
    return (await this.matcherOf(sdkAppId)).firstMatch(texts);
  }

  /**
   * The name of the first field whose text holds one of the app's words, or undefined: for
   * a request refused as a whole (`[['Name', req.name], ['Introduction', req.introduction]]`).
   */
  async matchedField(
    sdkAppId: number,
    fields: readonly (readonly [string, string | null | undefined])[],
  ): Promise<string | undefined> {
    const hit = await this.firstMatch(
      sdkAppId,
      fields.map(([, text]) => text),
    );
    return hit < 0 ? undefined : fields[hit][0];
  }

  private async load(sdkAppId: number): Promise<SensitiveWordsMatcher> {
    const generation = this.generations.get(sdkAppId);
    let matcher: SensitiveWordsMatcher;
    let ttl = SENSITIVE_WORDS_TTL_MS;
    try {
      const words = await this.source(sdkAppId);
      matcher = words.length ? new SensitiveWordsMatcher(words) : EMPTY;
    } catch (err) {
      if (!(err instanceof RpcUnavailableError)) throw err;
      this.logger.warn(
        { sdkAppId, reason: err.reason },
        'sensitive words unavailable; text is not checked for a while',
      );
      matcher = EMPTY;
      ttl = SENSITIVE_WORDS_UNAVAILABLE_TTL_MS;
    }
    if (generation !== this.generations.get(sdkAppId)) return matcher;
    if (this.entries.size >= MAX_APPS && !this.entries.has(sdkAppId)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(sdkAppId, { matcher, expiresAt: Date.now() + ttl });
    return matcher;
  }
}
