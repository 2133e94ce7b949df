import type { BlacklistEntry } from './blacklist-entry';

export class GetBlacklistReply {
  entries!: BlacklistEntry[];
  /** Where the next page starts; 0 when this page is the last. */
  nextStartIndex!: number;
  /** Changes whenever the blacklist changes (`CurruentSequence`). */
  sequence!: number;
}
