/** What the media store knows of an object (Tencent's `Status`). */
export const MediaObjectStatus = {
  /** Downloads work. */
  Normal: 0,
  /** Forbidden: its links answer 95009; a `PreSigURL` still reads it. */
  Forbidden: 1,
  /** Not stored (never, or deleted by retention). */
  Missing: 2,
} as const;
export type MediaObjectStatusValue = (typeof MediaObjectStatus)[keyof typeof MediaObjectStatus];

/** The answer for one URL of a batch. */
export interface DownloadLinkResult {
  resourceId: number;
  /** 0, or why this URL got no link (95007 not a link of this app). */
  code: number;
  desc: string;
  /** A link valid 15 minutes that reads the object even when forbidden ('' without one). */
  preSignedUrl: string;
  status: MediaObjectStatusValue;
}

export interface GetDownloadLinksReply {
  results: DownloadLinkResult[];
}
