import { addDays, partitionName, utcDay } from './maintenance.repository';

describe('partition days', () => {
  it('names day partitions and counts days in UTC', () => {
    expect(partitionName('2026-03-01')).toBe('messages_p20260301');
    expect(() => partitionName("2026-03-01'; DROP TABLE x")).toThrow();
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(utcDay(new Date('2026-05-05T23:59:59Z'))).toBe('2026-05-05');
  });
});
