/** Redis keys of the media service (always with a TTL). */
export const MediaCacheKeys = {
  /** Uploads a user started in one minute (`minute` = UNIX minutes). */
  uploads: (sdkAppId: number, userId: string, minute: number) =>
    `media:${sdkAppId}:uploads:${userId}:${minute}`,
};
