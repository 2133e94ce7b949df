import { ErrorCode, MessageLimits } from '@im/contracts';
import type { ModerationVerdict } from '@im/contracts';
import { SensitiveWordsMatcher } from '@im/platform';

import { MessageError } from './message.errors';

/** A keyword of a list with what a hit means. */
export interface AuditKeyword {
  content: string;
  label: string;
  suggestion: 'Block' | 'Review';
}

/** At most this many hit keywords are named in a verdict. */
const MAX_NAMED_HITS = 20;

/** Content moderation checks text only here (2002 for Image/Audio/Video), up to 8 KB (2003). */
export function checkModeratedContent(contentType: string, content: string): void {
  if (contentType !== 'Text')
    throw new MessageError(ErrorCode.AuditNotSupported, `${contentType} moderation is not built`);
  if (Buffer.byteLength(content, 'utf8') > MessageLimits.auditContentMaxBytes)
    throw new MessageError(ErrorCode.AuditInvalidParameters, 'Content is over 8 KB');
}

/**
 * The verdict on one text: keywords are matched by the platform's sensitive-word engine
 * (case-insensitive, anywhere in the text); the first hit's label, `Block` unless every hit
 * only asks for `Review`; `Normal` / `Pass` when none hits.
 */
export function verdictOf(
  contentId: number,
  text: string,
  keywords: readonly AuditKeyword[],
  matcher: SensitiveWordsMatcher = new SensitiveWordsMatcher(keywords.map((k) => k.content)),
): ModerationVerdict {
  if (matcher.isEmpty || !matcher.matches(text))
    return { contentId, label: 'Normal', suggestion: 'Pass', keywords: [], score: 0 };
  const hits: AuditKeyword[] = [];
  for (const keyword of keywords) {
    if (hits.length >= MAX_NAMED_HITS) break;
    if (new SensitiveWordsMatcher([keyword.content]).matches(text)) hits.push(keyword);
  }
  return {
    contentId,
    label: hits[0]?.label ?? 'Custom',
    suggestion:
      hits.some((h) => h.suggestion === 'Block') || hits.length === 0 ? 'Block' : 'Review',
    keywords: [...new Set(hits.map((h) => h.content))],
    score: 100,
  };
}
