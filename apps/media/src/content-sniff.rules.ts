/**
 * The type the first bytes of an upload show, by `file-type` (an ES module, loaded once).
 */
interface FileTypeModule {
  fileTypeFromBuffer(head: Uint8Array): Promise<{ mime: string } | undefined>;
  supportedMimeTypes: ReadonlySet<string>;
}

let loaded: Promise<FileTypeModule> | undefined;

function fileType(): Promise<FileTypeModule> {
  loaded ??= import('file-type') as Promise<FileTypeModule>;
  return loaded;
}

/** MIME type of the bytes (undefined: no known signature, e.g. plain text). */
export async function sniffType(head: Uint8Array): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await fileType();
  return (await fileTypeFromBuffer(head))?.mime;
}

/** Every type file-type can recognise by signature. */
export async function sniffableTypes(): Promise<ReadonlySet<string>> {
  return (await fileType()).supportedMimeTypes;
}
