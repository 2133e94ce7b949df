import { DomainError } from '@im/contracts';
import type { ErrorCategory } from '@im/contracts';

/** A refusal of the media service; answered as `{ ActionStatus, ErrorCode, ErrorInfo }`. */
export class MediaError extends DomainError {}

/** HTTP status of a refusal: the JSON body's ErrorCode is what clients compare. */
export function httpStatusOf(category: ErrorCategory, code: number, auth = false): number {
  if (auth) return 401;
  if (code === 95003) return 413; // MediaTooLarge
  if (code === 95002) return 411; // MediaLengthRequired
  if (code === 95006) return 429; // MediaRateLimited
  switch (category) {
    case 'invalid':
      return 400;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
    case 'ok':
    case 'internal':
      return 500;
  }
}
