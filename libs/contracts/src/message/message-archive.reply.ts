/** One gzip'd file of an hourly archive: `part` of the archive generation `generation`. */
export interface ArchiveFileInfo {
  part: number;
  /** Uncompressed bytes and their MD5 (hex). */
  fileSize: number;
  fileMd5: string;
  /** The gzip file's bytes and their MD5 (hex). */
  gzipSize: number;
  gzipMd5: string;
}

export class MessageArchiveReply {
  /** Start of the hour, UNIX seconds. */
  hour!: number;
  /** When this generation of the archive was built (epoch ms); named in download links. */
  generation!: number;
  files!: ArchiveFileInfo[];
}
