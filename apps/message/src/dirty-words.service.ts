import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, isPrivileged, MessageLimits } from '@im/contracts';
import type {
  CallerContext,
  CheckTextReply,
  DirtyWordsReply,
  DirtyWordsRequest,
  MsgElement,
} from '@im/contracts';

import { DirtyWordsMatcher } from './dirty-words-matcher.rules';
import { DirtyWordsRepository } from './dirty-words.repository';
import { MessageError } from './message.errors';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';
import { mapTexts, textsOf } from './msg-body.rules';
import type { SensitiveWordAction } from '@im/contracts';
import { TtlCache } from '@im/platform';

/**
 * The app's sensitive words (openim_dirty_words, AMB-43, §9.1): managed by the App admin,
 * matched in the text elements of messages. Other instances see a change within the cache
 * time (Tencent: within minutes).
 */
@Injectable()
export class DirtyWordsService {
  private readonly matchers: TtlCache<number, Promise<DirtyWordsMatcher>>;

  constructor(
    private readonly words: DirtyWordsRepository,
    @Inject(MESSAGE_TUNING) tuning: MessageTuning,
  ) {
    this.matchers = new TtlCache(tuning.settingsTtlMs, 10_000);
  }

  async list(caller: CallerContext): Promise<DirtyWordsReply> {
    assertAdmin(caller);
    return { words: await this.words.findAll(caller.sdkAppId) };
  }

  async add(caller: CallerContext, req: DirtyWordsRequest): Promise<void> {
    assertAdmin(caller);
    const words = [...new Set(req.words)];
    if (!(await this.words.add(caller.sdkAppId, words, MessageLimits.dirtyWordsMax)))
      throw new MessageError(
        ErrorCode.GroupInvalidParameter,
        `an app has at most ${MessageLimits.dirtyWordsMax} sensitive words`,
      );
    this.matchers.delete(caller.sdkAppId);
  }

  async delete(caller: CallerContext, req: DirtyWordsRequest): Promise<void> {
    assertAdmin(caller);
    await this.words.delete(caller.sdkAppId, [...new Set(req.words)]);
    this.matchers.delete(caller.sdkAppId);
  }

  /** Which of the texts hold a sensitive word (for other services' fields). */
  async check(sdkAppId: number, texts: string[]): Promise<CheckTextReply> {
    const matcher = await this.matcherOf(sdkAppId);
    return { matched: texts.flatMap((t, i) => (matcher.matches(t) ? [i] : [])) };
  }

  /**
   * A message body after the filter: unchanged when clean, masked (`mask`), or refused with
   * 80001 (`reject`).
   */
  async filterBody(
    sdkAppId: number,
    body: MsgElement[],
    action: SensitiveWordAction,
  ): Promise<MsgElement[]> {
    const texts = textsOf(body);
    if (texts.length === 0) return body;
    const matcher = await this.matcherOf(sdkAppId);
    if (matcher.isEmpty || !texts.some((t) => matcher.matches(t))) return body;
    if (action === 'reject') throw MessageError.dirtyWords();
    return mapTexts(body, (t) => matcher.mask(t));
  }

  private matcherOf(sdkAppId: number): Promise<DirtyWordsMatcher> {
    let matcher = this.matchers.get(sdkAppId);
    if (!matcher) {
      matcher = this.words.findAll(sdkAppId).then((w) => new DirtyWordsMatcher(w));
      matcher.catch(() => this.matchers.delete(sdkAppId));
      this.matchers.set(sdkAppId, matcher);
    }
    return matcher;
  }
}

function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw new MessageError(
      ErrorCode.GroupPermissionDenied,
      'sensitive words are for the App admin',
    );
}
