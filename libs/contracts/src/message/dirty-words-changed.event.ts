import { IsIn } from 'class-validator';

import { EventEnvelope } from '../common';

export const DirtyWordsChanges = ['added', 'deleted'] as const;
export type DirtyWordsChange = (typeof DirtyWordsChanges)[number];

/**
 * The app's sensitive-word list changed (openim_dirty_words add / delete): every service that
 * keeps the list (`SensitiveWordsCache`) drops the app's copy. The envelope's `sdkAppId` says
 * which app; the list itself is read again with `message.rpc.get-dirty-words`.
 */
export class DirtyWordsChangedEvent extends EventEnvelope {
  @IsIn(DirtyWordsChanges)
  change!: DirtyWordsChange;
}
