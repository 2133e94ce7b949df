import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';

import { Utf8Bytes } from '../common';
import { MessageLimits } from './msg-element';

/** openim_dirty_words add / delete: up to 50 words of 1..200 bytes. */
export class DirtyWordsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.dirtyWordsPerCall)
  @Utf8Bytes(1, MessageLimits.dirtyWordMaxBytes, { each: true })
  words!: string[];
}
