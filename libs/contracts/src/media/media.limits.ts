/** Bounds of the `im_cos_msg` commands (docs/rest-api.md §9.10). */
export const MediaLimits = {
  /** A `RawURL` (a download link the platform handed out is about 200 characters). */
  rawUrlMaxLength: 2048,
  /** `RawURLs` of one `get_cos_sig` (Tencent documents no bound; the platform's). */
  rawUrlsPerCall: 100,
  /** `ResourceID` is Tencent's int32. */
  resourceIdMax: 2_147_483_647,
  /** Lifetime of a `PreSigURL`, as Tencent documents it (15 minutes). */
  preSignedLinkSeconds: 15 * 60,
} as const;
