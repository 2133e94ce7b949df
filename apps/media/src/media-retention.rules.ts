import type { AppSettings } from '@im/contracts';

/** The roaming window of an app that chose none (docs/requirements.md MSG-19). */
export const DEFAULT_ROAMING_DAYS = 7;
/** A sweeper's claim on a row older than this is taken again (it crashed, the store failed). */
export const SWEEP_CLAIM_SECONDS = 600;

/**
 * Days the media of a stored message is kept after the message's time: the app's roaming window
 * (`message.roamingDays`) when it chose one, which then applies to every conversation; otherwise
 * the longest default window of any conversation (7 days, or a custom group type's longer one).
 */
export function mediaRetentionDays(settings: AppSettings | undefined): number {
  const chosen = settings?.message?.roamingDays;
  if (chosen !== undefined) return chosen;
  const groupTypes = (settings?.customGroupTypes ?? []).map((t) => t.roamingDays ?? 0);
  return Math.max(DEFAULT_ROAMING_DAYS, ...groupTypes);
}

/** The app's media quota: its own setting, else the service's default. */
export function mediaQuotaBytes(settings: AppSettings | undefined, fallback: number): number {
  return settings?.mediaQuotaBytes ?? fallback;
}
