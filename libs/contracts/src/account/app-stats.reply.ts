import type { AppStatsDay } from './app-stats';

/** An app's statistics, one entry per day, oldest first, ending with today. */
export class AppStatsReply {
  sdkAppId!: number;
  appName!: string;
  days!: AppStatsDay[];
}
