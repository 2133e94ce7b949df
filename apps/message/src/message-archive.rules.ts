import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import type { ArchiveChatType, ArchiveFileInfo } from '@im/contracts';

import { ConvTypes, msgKeyOf } from './stored-message.model';
import type { ConvTypeCode, StoredMessage } from './stored-message.model';

/**
 * Rules of the hourly message archive (open_msg_svc/get_history, docs/rest-api.md §9.4): which
 * hours may be asked for, what one line of an archive file is, and how lines become bounded
 * gzip files.
 */

/** Archives cover the last seven days, as Tencent's (files older than that are gone). */
export const ARCHIVE_RETENTION_SECONDS = 7 * 86_400;
const HOUR = 3600;

/** `"YYYYMMDDHH"` (UTC) → start of that hour in UNIX seconds, or undefined when not a real hour. */
export function parseArchiveHour(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March: a rolled date was not a real one.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  if (h > 23) return undefined;
  return ms / 1000;
}

/** Why an hour cannot be archived now, or undefined: only ended hours within the retention. */
export function archiveHourProblem(hour: number, now: number): string | undefined {
  if (hour % HOUR !== 0) return 'MsgTime must name an hour';
  if (hour + HOUR > now) return 'the hour has not ended yet; ask once it has';
  if (hour < now - ARCHIVE_RETENTION_SECONDS)
    return 'archives are kept for 7 days; this hour is older';
  return undefined;
}

export function convTypeOfArchive(chatType: ArchiveChatType): ConvTypeCode {
  return chatType === 'C2C' ? ConvTypes.C2C : ConvTypes.GROUP;
}

/**
 * One line of an archive file: a message in the REST field names Tencent's archive uses
 * (`ChatType`, `MsgTimestamp`, `From_Account`, `To_Account` or `GroupId`, `MsgSeq`,
 * `MsgRandom`, `MsgBody`, `CloudCustomData`; `MsgKey` for C2C).
 */
export function archiveLine(m: StoredMessage): string {
  const c2c = m.convType === ConvTypes.C2C;
  const line: Record<string, unknown> = {
    ChatType: c2c ? 'C2C' : 'Group',
    MsgTimestamp: m.msgTime,
    From_Account: m.fromId,
    ...(c2c ? { To_Account: m.toId } : { GroupId: m.toId }),
    MsgSeq: c2c ? m.clientSeq : m.seq,
    MsgRandom: m.random,
    ...(c2c && { MsgKey: msgKeyOf(m) }),
    MsgBody: m.body,
  };
  if (m.cloudCustomData !== null) line.CloudCustomData = m.cloudCustomData;
  return `${JSON.stringify(line)}\n`;
}

/** A finished archive file: its gzip bytes and the sizes and MD5s the reply names. */
export interface BuiltArchiveFile extends ArchiveFileInfo {
  gzip: Buffer;
}

/**
 * Collects lines into files of at most `maxBytes` uncompressed (a single longer line makes a
 * file of its own), so building an archive holds one file in memory at a time.
 */
export class ArchiveFileBuilder {
  private lines: Buffer[] = [];
  private bytes = 0;
  private part = 0;

  constructor(private readonly maxBytes: number) {}

  /** Adds a line; returns the file it completed when the line did not fit the current one. */
  add(line: string): BuiltArchiveFile | undefined {
    const data = Buffer.from(line, 'utf8');
    let done: BuiltArchiveFile | undefined;
    if (this.bytes > 0 && this.bytes + data.length > this.maxBytes) done = this.finish();
    this.lines.push(data);
    this.bytes += data.length;
    return done;
  }

  /** The file being built, or undefined when it is empty. */
  finish(): BuiltArchiveFile | undefined {
    if (this.bytes === 0) return undefined;
    const raw = Buffer.concat(this.lines, this.bytes);
    this.lines = [];
    this.bytes = 0;
    const gzip = gzipSync(raw);
    return {
      part: this.part++,
      fileSize: raw.length,
      fileMd5: md5(raw),
      gzipSize: gzip.length,
      gzipMd5: md5(gzip),
      gzip,
    };
  }
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}
