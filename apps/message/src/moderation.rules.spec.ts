import { ErrorCode } from '@im/contracts';

import { checkModeratedContent, verdictOf } from './moderation.rules';
import type { AuditKeyword } from './moderation.rules';

const kw = (content: string, label = 'Custom', suggestion: 'Block' | 'Review' = 'Block') =>
  ({ content, label, suggestion }) satisfies AuditKeyword;

describe('moderation rules', () => {
  it('passes a text that no keyword hits', () => {
    expect(verdictOf(7, 'hello world', [kw('spam')])).toEqual({
      contentId: 7,
      label: 'Normal',
      suggestion: 'Pass',
      keywords: [],
      score: 0,
    });
    expect(verdictOf(1, 'anything', [])).toMatchObject({ suggestion: 'Pass' });
  });

  it('blocks a hit anywhere in the text, case-insensitively, naming the keywords and the first label', () => {
    expect(verdictOf(1, 'Buy CHEAP pills', [kw('cheap', 'Ad'), kw('pills', 'Illegal')])).toEqual({
      contentId: 1,
      label: 'Ad',
      suggestion: 'Block',
      keywords: ['cheap', 'pills'],
      score: 100,
    });
  });

  it('only asks for review when every hit comes from a Review list', () => {
    expect(verdictOf(1, 'maybe bad', [kw('bad', 'Abuse', 'Review')])).toMatchObject({
      suggestion: 'Review',
      label: 'Abuse',
    });
    expect(
      verdictOf(1, 'bad worse', [kw('bad', 'Abuse', 'Review'), kw('worse', 'Abuse', 'Block')]),
    ).toMatchObject({ suggestion: 'Block' });
  });

  it('moderates text only (2002) and at most 8 KB of it (2003)', () => {
    const codeOf = (f: () => void) => {
      try {
        f();
        return 0;
      } catch (e) {
        return (e as { code: number }).code;
      }
    };
    expect(codeOf(() => checkModeratedContent('Text', 'x'.repeat(8192)))).toBe(0);
    expect(codeOf(() => checkModeratedContent('Text', 'x'.repeat(8193)))).toBe(
      ErrorCode.AuditInvalidParameters,
    );
    expect(codeOf(() => checkModeratedContent('Image', 'https://x/1.png'))).toBe(
      ErrorCode.AuditNotSupported,
    );
  });
});
