import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';

import { MessageLimits, Utf8Bytes } from '@im/contracts';

/** `openim_dirty_words/add` and `delete` (docs/rest-api.md §9.1): up to 50 words of ≤ 200 bytes. */
export class DirtyWordsDto {
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.dirtyWordsPerCall)
  @Utf8Bytes(1, MessageLimits.dirtyWordMaxBytes, { each: true })
  @IsArray()
  DirtyWordsList!: string[];
}
