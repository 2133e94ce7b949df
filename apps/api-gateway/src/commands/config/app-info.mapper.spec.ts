import { AppStatFields } from '@im/contracts';
import type { AppStatsReply } from '@im/contracts';

import { AppInfoFields, toAppInfoResult } from './app-info.mapper';

const values = Object.fromEntries(AppStatFields.map((f, i) => [f, i * 10])) as Record<
  (typeof AppStatFields)[number],
  number
>;
const reply: AppStatsReply = {
  sdkAppId: 1400000001,
  appName: 'demo',
  days: [
    { date: '20261206', values },
    { date: '20261207', values: { ...values, UpMsgNum: 12345678901 } },
  ],
};

describe(toAppInfoResult.name, () => {
  it('gives every field of every day as a string, the app first and Date last', () => {
    const result = toAppInfoResult(reply, undefined);

    expect(result).toHaveLength(2);
    expect(Object.keys(result[0])).toEqual([...AppInfoFields]);
    expect(result[0]).toMatchObject({
      AppName: 'demo',
      AppId: '1400000001',
      Company: '',
      ActiveUserNum: '0',
      RegistUserNumOneDay: '10',
      Date: '20261206',
    });
    expect(result[1].UpMsgNum).toBe('12345678901');
    for (const day of result)
      expect(Object.values(day).every((v) => typeof v === 'string')).toBe(true);
  });

  it('keeps only the requested fields and the date', () => {
    expect(toAppInfoResult(reply, ['UpMsgNum', 'AppName'])).toEqual([
      { AppName: 'demo', UpMsgNum: String(values.UpMsgNum), Date: '20261206' },
      { AppName: 'demo', UpMsgNum: '12345678901', Date: '20261207' },
    ]);
  });

  it('treats an empty RequestField as every field', () => {
    expect(Object.keys(toAppInfoResult(reply, [])[0])).toHaveLength(AppInfoFields.length);
  });
});
