/**
 * Request/reply subjects served by the media service (queue group `media`): the app backend's
 * `im_cos_msg` commands over the REST edge (docs/rest-api.md §9.10). Uploads and downloads
 * themselves are HTTP on the media port (docs/protocol.md §14).
 */
export const MediaRpc = {
  /** `im_cos_msg/get_cos_sig`: short-lived download links that also read forbidden objects. */
  GetDownloadLinks: 'media.rpc.get-download-links',
  /** `im_cos_msg/forbid_illegal_object`: its download links answer 95009 until allowed. */
  ForbidObject: 'media.rpc.forbid-object',
  /** `im_cos_msg/allow_banned_object`: clears the forbidden mark. */
  AllowObject: 'media.rpc.allow-object',
} as const;
