/** A cloud keyword library. */
export interface AuditLibInfo {
  id: string;
  name: string;
  describe: string;
  /** `YYYY-MM-DD hh:mm:ss` UTC. */
  createdAt: string;
  suggestion: 'Block' | 'Review';
}

export class ListAuditLibsReply {
  total!: number;
  libs!: AuditLibInfo[];
}

export interface AuditKeywordInfo {
  id: string;
  content: string;
  label: string;
  createdAt: string;
}

export class ListAuditKeywordsReply {
  total!: number;
  keywords!: AuditKeywordInfo[];
}

/** One content's verdict (Tencent's text moderation result). */
export interface ModerationVerdict {
  contentId: number;
  /** `Normal`, or the label of the first keyword hit (`Custom` for the local list). */
  label: string;
  suggestion: 'Pass' | 'Review' | 'Block';
  keywords: string[];
  /** 0 clean, 100 a keyword hit. */
  score: number;
}

export class ModerateContentsReply {
  results!: ModerationVerdict[];
}
