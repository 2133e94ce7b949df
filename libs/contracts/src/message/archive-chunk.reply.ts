/** A chunk of an archive file: base64 of its bytes, and the file's whole gzip size. */
export class ArchiveChunkReply {
  data!: string;
  total!: number;
}
