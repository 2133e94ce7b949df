import { Injectable } from '@nestjs/common';

import { ErrorCode, isPrivileged, MessageLimits } from '@im/contracts';
import type {
  CallerContext,
  DirtyWordsReply,
  DirtyWordsRequest,
  MsgElement,
  SensitiveWordAction,
} from '@im/contracts';
import { SensitiveWordsCache } from '@im/platform';

import { DirtyWordsRepository } from './dirty-words.repository';
import { MessageError } from './message.errors';
import { mapTexts, textsOf } from './msg-body.rules';

/**
 * The app's sensitive words (openim_dirty_words, AMB-43, §9.1): managed by the App admin,
 * matched in the text elements of messages here and in the text fields of groups, profiles
 * and the relation chain by their services, all through the platform's `SensitiveWordsCache`.
 * A change is announced (`message.evt.dirty-words-changed`), so every instance of every
 * service applies it as soon as it hears it.
 */
@Injectable()
export class DirtyWordsService {
  constructor(
    private readonly words: DirtyWordsRepository,
    private readonly matchers: SensitiveWordsCache,
  ) {}

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
    await this.matchers.announceChange(caller.sdkAppId, 'added');
  }

  async delete(caller: CallerContext, req: DirtyWordsRequest): Promise<void> {
    assertAdmin(caller);
    await this.words.delete(caller.sdkAppId, [...new Set(req.words)]);
    await this.matchers.announceChange(caller.sdkAppId, 'deleted');
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
    const matcher = await this.matchers.matcherOf(sdkAppId);
    if (matcher.isEmpty || !texts.some((t) => matcher.matches(t))) return body;
    if (action === 'reject') throw MessageError.dirtyWords();
    return mapTexts(body, (t) => matcher.mask(t));
  }
}

function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw new MessageError(
      ErrorCode.GroupPermissionDenied,
      'sensitive words are for the App admin',
    );
}
