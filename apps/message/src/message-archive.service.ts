import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, isPrivileged } from '@im/contracts';
import type {
  ArchiveChatType,
  ArchiveChunkReply,
  ArchiveChunkRequest,
  CallerContext,
  MessageArchiveReply,
  MessageArchiveRequest,
} from '@im/contracts';

import { MessageArchiveRepository } from './message-archive.repository';
import type { ArchiveCursor, ArchiveHour, StoredArchiveFile } from './message-archive.repository';
import {
  archiveHourProblem,
  archiveLine,
  ArchiveFileBuilder,
  convTypeOfArchive,
  parseArchiveHour,
} from './message-archive.rules';
import type { MessageDb, MessageTx } from './message.db';
import { MessageError } from './message.errors';
import { MESSAGE_DB, MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';
import { nowSeconds } from './stored-message.model';

/** Messages read per round while building an archive. */
const PAGE = 500;

/**
 * Hourly message archives (open_msg_svc/get_history): an ended hour's C2C or group messages
 * of one app as gzip'd JSON-lines files of bounded size, stored in PostgreSQL. Built on the
 * first request for the hour and kept; rebuilt when the hour's messages changed since (an
 * import into that hour, an edit, a recall). The api-gateway serves the files by signed link,
 * reading them in chunks through `readChunk`.
 */
@Injectable()
export class MessageArchiveService {
  constructor(
    private readonly archives: MessageArchiveRepository,
    @Inject(MESSAGE_DB) private readonly db: MessageDb,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
  ) {}

  async get(caller: CallerContext, req: MessageArchiveRequest): Promise<MessageArchiveReply> {
    assertAdmin(caller);
    const hour = parseArchiveHour(req.msgTime);
    if (hour === undefined)
      throw new MessageError(ErrorCode.C2cInvalidPacket, 'MsgTime is not an hour (YYYYMMDDHH)');
    const problem = archiveHourProblem(hour, nowSeconds());
    if (problem) throw new MessageError(ErrorCode.C2cInvalidPacket, problem);
    const h = this.hourOf(caller, req.chatType, hour);
    const [fingerprint, stored] = await Promise.all([
      this.archives.fingerprint(this.db, h),
      this.archives.files(this.db, h),
    ]);
    if (fingerprint.count === 0) return { hour, generation: 0, files: [] };
    if (stored.length > 0 && stored[0].fingerprint === fingerprint.key) return toReply(h, stored);
    return this.db.transaction((tx) => this.build(tx, h));
  }

  async readChunk(caller: CallerContext, req: ArchiveChunkRequest): Promise<ArchiveChunkReply> {
    assertAdmin(caller);
    const chunk = await this.archives.readChunk(
      this.hourOf(caller, req.chatType, req.hour),
      { part: req.part, generation: req.generation },
      req.offset,
      req.length,
    );
    if (!chunk)
      throw new MessageError(
        ErrorCode.C2cInvalidPacket,
        'no such archive file (expired, or rebuilt since: ask get_history again)',
      );
    return { data: chunk.data.toString('base64'), total: chunk.total };
  }

  /** Builds the hour's files under the hour's lock (another instance may have just built it). */
  private async build(tx: MessageTx, h: ArchiveHour): Promise<MessageArchiveReply> {
    await this.archives.lockHour(tx, h);
    const fingerprint = await this.archives.fingerprint(tx, h);
    const stored = await this.archives.files(tx, h);
    if (stored.length > 0 && stored[0].fingerprint === fingerprint.key) return toReply(h, stored);
    await this.archives.deleteHour(tx, h);
    const build = { generation: Date.now(), fingerprint: fingerprint.key };
    const builder = new ArchiveFileBuilder(this.tuning.archiveFileBytes);
    const files: StoredArchiveFile[] = [];
    const keep = async (file: ReturnType<ArchiveFileBuilder['finish']>) => {
      if (!file) return;
      await this.archives.insertFile(tx, h, build, file);
      const { gzip: _bytes, ...info } = file;
      files.push({ ...info, ...build });
    };
    let after: ArchiveCursor | undefined;
    for (;;) {
      const page = await this.archives.messagesPage(tx, h, after, PAGE);
      for (const m of page) await keep(builder.add(archiveLine(m)));
      if (page.length < PAGE) break;
      const last = page[page.length - 1];
      after = { time: last.msgTime, convId: last.convId, seq: last.seq };
    }
    await keep(builder.finish());
    return toReply(h, files);
  }

  private hourOf(caller: CallerContext, chatType: ArchiveChatType, hour: number): ArchiveHour {
    return { sdkAppId: caller.sdkAppId, convType: convTypeOfArchive(chatType), hour };
  }
}

function toReply(h: ArchiveHour, files: StoredArchiveFile[]): MessageArchiveReply {
  return {
    hour: h.hour,
    generation: files[0]?.generation ?? 0,
    files: files.map(({ part, fileSize, fileMd5, gzipSize, gzipMd5 }) => ({
      part,
      fileSize,
      fileMd5,
      gzipSize,
      gzipMd5,
    })),
  };
}

function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller))
    throw new MessageError(ErrorCode.OpenimAdminRequired, 'for the App admin');
}
