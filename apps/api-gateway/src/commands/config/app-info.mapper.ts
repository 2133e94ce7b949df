import { AppStatFields } from '@im/contracts';
import type { AppStatsReply } from '@im/contracts';

/** Every field a `getappinfo` day can carry, in the order Tencent lists them. */
export const AppInfoFields = ['AppName', 'AppId', 'Company', ...AppStatFields, 'Date'] as const;

/**
 * `Result` of `getappinfo`: one object per day, every value a string (docs/rest-api.md §9.3),
 * limited to `RequestField` when given; `Date` (`YYYYMMDD`) always, so each object says which
 * day it is. `Company` is not kept by the platform and is empty.
 */
export function toAppInfoResult(
  reply: AppStatsReply,
  requestField: readonly string[] | undefined,
): Record<string, string>[] {
  const wanted = new Set(requestField?.length ? [...requestField, 'Date'] : AppInfoFields);
  return reply.days.map((day) => {
    const all: Record<string, string> = {
      AppName: reply.appName,
      AppId: String(reply.sdkAppId),
      Company: '',
    };
    for (const field of AppStatFields) all[field] = String(day.values[field]);
    all.Date = day.date;
    return Object.fromEntries(AppInfoFields.filter((f) => wanted.has(f)).map((f) => [f, all[f]]));
  });
}
