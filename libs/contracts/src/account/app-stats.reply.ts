import type { AppStatsDay } from './app-stats';

/** An app's statistics, one entry per day, oldest first, ending with today. */
export class AppStatsReply {
  appName!: string;
  days!: AppStatsDay[];
}
