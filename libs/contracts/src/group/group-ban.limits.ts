/**
 * Limits of member bans (`ban_group_member`, `unban_group_member`, `get_group_ban_member`;
 * docs/rest-api.md): at most 20 accounts a request, a duration of at most 2^32 − 1 seconds, a
 * description of at most 1,000 bytes, pages of at most 100.
 */
export const GroupBanLimits = {
  accountsMax: 20,
  durationMax: 4294967295,
  descriptionMaxBytes: 1000,
  pageMax: 100,
  pageDefault: 100,
} as const;
