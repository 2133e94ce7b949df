import { IsIn, IsInt, Max, Min } from 'class-validator';

import { ArchiveChatTypes } from './message-archive.request';
import type { ArchiveChatType } from './message-archive.request';

/** Bytes of an archive file, read in chunks small enough for one bus message. */
export const ArchiveChunkLimits = { maxBytes: 256 * 1024 } as const;

/** A range of one archive file's gzip bytes (the download route streams them chunk by chunk). */
export class ArchiveChunkRequest {
  @IsIn(ArchiveChatTypes)
  chatType!: ArchiveChatType;

  /** Start of the hour, UNIX seconds. */
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  hour!: number;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  part!: number;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  generation!: number;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  offset!: number;

  @IsInt()
  @Min(1)
  @Max(ArchiveChunkLimits.maxBytes)
  length!: number;
}
