/**
 * Global mute (`openconfigsvr/setnospeaking`, docs/rest-api.md): durations are uint32 seconds,
 * 0 = not muted, 4294967295 = permanent. Stored as an end time in epoch seconds: 0 = not
 * muted, `foreverUntil` = permanent, so "muted" is `until > now` for both.
 */
export const NoSpeaking = {
  permanentSeconds: 0xffffffff,
  foreverUntil: Number.MAX_SAFE_INTEGER,
} as const;
